#
# ThuliumPS module manifest. The single source of the version: MSBuild reads ModuleVersion from this file
# (Directory.Build.props) and stamps every assembly with it, so psd1 and dlls can never disagree.
#
@{
    RootModule           = 'ThuliumPS.dll'
    # Loaded before RootModule: its module initializer makes ThuliumPS.Core and its dependencies (staged in
    # dependencies/) loadable - on PowerShell 7 into the module's own AssemblyLoadContext - before PowerShell lists
    # ThuliumPS.dll's cmdlets, which already needs ThuliumPS.Core.
    NestedModules        = @('ThuliumPS.Loader.dll')
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f0c2b8e-4d1a-4a5e-9b53-2c7e1f8d0a41'
    Author               = 'ThuliumPS contributors'
    CompanyName          = 'ThuliumPS'
    Copyright            = '(c) 2026 ThuliumPS contributors. MIT License (see LICENSE).'
    Description          = 'Bulk administration of the Thulium contact-center platform through its REST API: create customers from CSV, delete customers, campaigns and CRM campaign records, add custom-field group items. Streaming, batched, retry-aware, -WhatIf safe.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('ThuliumPS.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Thulium'
        'Disconnect-Thulium'
        'Get-ThuliumConnection'
        'Get-ThuliumCustomer'
        'New-ThuliumCustomer'
        'Remove-ThuliumCustomer'
        'Remove-ThuliumCampaign'
        'Remove-ThuliumCrmRecord'
        'Add-ThuliumFieldGroupItem'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Thulium', 'ContactCenter', 'CRM', 'REST', 'Bulk', 'Batch', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # No ProjectUri / LicenseUri: there is no public repository yet, and a URI must point at something real.
            # The license (MIT) ships in the module folder as LICENSE.
            ReleaseNotes = 'See CHANGELOG.md, which ships in the module folder.'
        }
    }
}
