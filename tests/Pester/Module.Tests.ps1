#Requires -Version 5.1
# The staged module (out/ThuliumPS) is valid and imports on this PowerShell.
BeforeAll {
    $script:ManifestPath = Join-Path $PSScriptRoot '../../out/ThuliumPS/ThuliumPS.psd1'
}

Describe 'Staged module' {
    It 'has a valid manifest' {
        { Test-ModuleManifest -Path $script:ManifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'imports, and its version is the manifest''s' {
        $module = Import-Module $script:ManifestPath -Force -PassThru -ErrorAction Stop
        $manifest = Import-PowerShellDataFile $script:ManifestPath
        $module.Version | Should -Be ([version]$manifest.ModuleVersion)
        Remove-Module ThuliumPS
    }

    It 'does not ship System.Management.Automation' {
        Join-Path (Split-Path $script:ManifestPath) 'System.Management.Automation.dll' | Should -Not -Exist
    }
}
