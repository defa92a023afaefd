<#
.SYNOPSIS
    Builds, tests and packages ThuliumPS.

.DESCRIPTION
    Orchestration only: the module itself is staged by MSBuild (`dotnet build` writes out/ThuliumPS), so it also
    builds where no PowerShell is installed. This script adds what needs PowerShell: the Pester suite.

    Tasks:
      Build    dotnet build ThuliumPS.sln (stages out/ThuliumPS)
      Test     dotnet test ThuliumPS.sln, then Pester (tests/Pester) when Pester 5 is available
      Pester   only the Pester suite (the module must be built)
      Package  zips the staged module to out/ThuliumPS-<version>.zip
      Clean    dotnet clean and removes out/

    Any failure throws: the script never turns a failure into a warning. A missing Pester is reported loudly as
    SKIPPED (or fails the run with -RequirePester).

.EXAMPLE
    ./build.ps1                      # Build, then Test
.EXAMPLE
    ./build.ps1 -Task Clean, Build, Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Clean')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Fail instead of skipping when Pester 5 is not installed.
    [switch] $RequirePester
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$solution = Join-Path $root 'ThuliumPS.sln'
$staged = Join-Path $root 'out/ThuliumPS'

function Invoke-Native {
    param([Parameter(Mandatory)][string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', $solution, '-c', $Configuration)
}

function Invoke-PesterSuite {
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        $message = 'PESTER TESTS SKIPPED: Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0). Cmdlet behaviour is NOT tested in this run.'
        if ($RequirePester) { throw $message }
        Write-Warning $message
        return
    }

    if (-not (Test-Path (Join-Path $staged 'ThuliumPS.psd1'))) {
        throw "No staged module at $staged; run the Build task first."
    }

    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = Join-Path $root 'out/pester-results.xml'
    $env:THULIUMPS_CONFIGURATION = $Configuration

    $result = Invoke-Pester -Configuration $config
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s) failed (result: $($result.Result))."
    }
}

function Invoke-Test {
    Invoke-Native dotnet @('test', $solution, '-c', $Configuration)
    Invoke-PesterSuite
}

function Invoke-Package {
    $manifest = Import-PowerShellDataFile (Join-Path $root 'ThuliumPS.psd1')
    $zip = Join-Path $root "out/ThuliumPS-$($manifest.ModuleVersion).zip"
    if (-not (Test-Path (Join-Path $staged 'ThuliumPS.dll'))) {
        throw "No staged module at $staged; run the Build task first."
    }
    Compress-Archive -Path $staged -DestinationPath $zip -Force
    Write-Information "Packaged $zip" -InformationAction Continue
}

function Invoke-Clean {
    Invoke-Native dotnet @('clean', $solution, '-c', $Configuration)
    Remove-Item -Recurse -Force (Join-Path $root 'out') -ErrorAction SilentlyContinue
}

foreach ($name in $Task) {
    Write-Information "== $name" -InformationAction Continue
    switch ($name) {
        'Build'   { Invoke-Build }
        'Test'    { Invoke-Test }
        'Pester'  { Invoke-PesterSuite }
        'Package' { Invoke-Package }
        'Clean'   { Invoke-Clean }
    }
}
