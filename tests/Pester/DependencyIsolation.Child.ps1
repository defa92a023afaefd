#Requires -Version 7.4
# Run by DependencyIsolation.Tests.ps1 in a child PowerShell: loads an older Polly.Core (the way another module would
# bring its own) before or after ThuliumPS, uses both, and prints what it saw as one JSON line after '@@FACTS@@'.
# Exits 1 when anything threw; the facts gathered so far are printed either way.
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PollyPath,
    [Parameter(Mandatory)] [string] $ApiUri,
    [Parameter(Mandatory)] [ValidateSet('PollyFirst', 'ThuliumFirst')] [string] $Order
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$facts = [ordered]@{ Order = $Order; Steps = [System.Collections.Generic.List[string]]::new(); Error = $null }

function Get-LoadContextName([System.Reflection.Assembly] $Assembly) {
    [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($Assembly).Name
}

function Get-AssemblyFact([System.Reflection.Assembly] $Assembly) {
    $informational = $Assembly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false) |
        Select-Object -First 1
    [ordered]@{
        Name        = $Assembly.GetName().Name
        LoadContext = Get-LoadContextName $Assembly
        Location    = $Assembly.Location
        Version     = if ($informational) { $informational.InformationalVersion } else { $null }
    }
}

# What the other module does: load its Polly.Core and run a retry pipeline with it (one failure, then success).
function Use-OlderPolly {
    Add-Type -Path $PollyPath
    $options = [Polly.Retry.RetryStrategyOptions]::new()
    $options.MaxRetryAttempts = 1
    $options.Delay = [TimeSpan]::Zero
    $builder = [Polly.ResiliencePipelineBuilder]::new()
    # 8.4.2's net8.0 build takes System.TimeProvider here; ThuliumPS's netstandard2.0 Polly.Core takes
    # Microsoft.Bcl.TimeProvider's: the setter that breaks when the two meet in one load context.
    $builder.TimeProvider = [System.TimeProvider]::System
    $pipeline = [Polly.RetryResiliencePipelineBuilderExtensions]::AddRetry($builder, $options).Build()
    $script:attempts = 0
    $pipeline.Execute([Action] {
        $script:attempts++
        if ($script:attempts -eq 1) { throw 'first attempt fails' }
    })
    $facts.OtherPolly = Get-AssemblyFact ([Polly.ResiliencePipelineBuilder].Assembly)
    $facts.OtherPollyAttempts = $script:attempts
    $facts.Steps.Add('other module used Polly.Core')
}

# What an admin does: create two customers and remove them again (both retry pipelines of ThuliumPS run).
function Use-ThuliumPS([string] $Tag) {
    $rows = 1..2 | ForEach-Object { [pscustomobject]@{ name = "Iso$Tag$_"; surname = 'Test'; phone_number = "60000000$_" } }
    $created = @($rows | New-ThuliumCustomer)
    $removed = @($created | Where-Object Outcome -eq 'Succeeded' | Remove-ThuliumCustomer -Force)
    $facts["Created$Tag"] = @($created | ForEach-Object { [string]$_.Outcome })
    $facts["Removed$Tag"] = @($removed | ForEach-Object { [string]$_.Outcome })
    $facts.Steps.Add("ThuliumPS import $Tag")
}

try {
    if ($Order -eq 'PollyFirst') { Use-OlderPolly }

    $credential = [pscredential]::new('api_user', (ConvertTo-SecureString 'api_pass' -AsPlainText -Force))
    Import-Module $ModulePath
    $facts.Steps.Add('imported ThuliumPS')
    $null = Connect-Thulium -BaseUri $ApiUri -Credential $credential -AllowUnencryptedAuthentication -MaximumRetryCount 0
    Use-ThuliumPS 'A'

    if ($Order -eq 'ThuliumFirst') {
        Use-OlderPolly
        # ... and ThuliumPS still works after the other Polly.Core arrived, and after a Remove-Module and a new
        # import (the loader's cleanup removes its hook, the import puts it back; ThuliumPS.Core stays loaded once).
        Use-ThuliumPS 'B'
        Remove-Module ThuliumPS
        Import-Module $ModulePath
        $null = Connect-Thulium -BaseUri $ApiUri -Credential $credential -AllowUnencryptedAuthentication -MaximumRetryCount 0
        Use-ThuliumPS 'C'
    }

    $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ThuliumPS.Core' }
    $facts.Core = @($core | ForEach-Object { Get-AssemblyFact $_ })
    $facts.Cmdlets = Get-AssemblyFact ([ThuliumPS.Commands.NewThuliumCustomerCommand].Assembly)
    # What ThuliumPS.Core's references bind to, asked of its own load context: the assemblies it actually uses.
    $coreContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(@($core)[0])
    $facts.CoreBinds = [ordered]@{}
    foreach ($reference in @($core)[0].GetReferencedAssemblies()) {
        if ($reference.Name -in 'Polly.Core', 'System.Text.Json', 'Microsoft.Bcl.TimeProvider') {
            $facts.CoreBinds[$reference.Name] = Get-AssemblyFact ($coreContext.LoadFromAssemblyName($reference))
        }
    }
    $facts.PollyAssemblies = @([AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -eq 'Polly.Core' } | ForEach-Object { Get-AssemblyFact $_ })
    $exitCode = 0
}
catch {
    $facts.Error = "$_ at $($_.InvocationInfo.PositionMessage)"
    $exitCode = 1
}
Write-Output ('@@FACTS@@' + ($facts | ConvertTo-Json -Depth 6 -Compress))
exit $exitCode
