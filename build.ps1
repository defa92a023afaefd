<#
.SYNOPSIS
    Builds, tests and packages ThuliumPS.

.DESCRIPTION
    Orchestration only: the module itself is staged by MSBuild (`dotnet build` writes out/ThuliumPS), so it also
    builds where no PowerShell is installed. This script adds what needs PowerShell: the Pester suite.

    Tasks:
      Build    dotnet build ThuliumPS.sln (stages out/ThuliumPS)
      Test     dotnet test ThuliumPS.sln (xUnit), then the Pester suite (tests/Pester); prints one closing line per
               suite and a total: `xunit: N passed, N failed, N skipped`, `pester: ...`, `total: ...`
      Pester   only the Pester suite (the module must be built)
      Package  zips the staged module to out/ThuliumPS-<version>.zip
      Benchmark  builds (if Build did not run), then the end-to-end benchmark (tests/ThuliumPS.Benchmarks/EndToEnd):
               module vs plain C# sender vs Invoke-RestMethod vs Import-Csv alone, memory, rate limit; writes
               docs/benchmarks.md. Minutes, not a test, not run by CI. -BenchmarkArgs passes its own parameters on,
               e.g. -BenchmarkArgs '-Rows0Ms 20000','-MemoryRows 100000'
      Clean    dotnet clean and removes out/

    Any failure throws: the script never turns a failure into a warning. Pester 5 is required (the PowerShell in
    ../shared/tools/pwsh carries it); a missing Pester, a Pester run with no test, or any failed test fails the run.

.EXAMPLE
    pwsh ./build.ps1 -Task Build,Test          # what CI runs (.ci/run)
.EXAMPLE
    ./build.ps1 -Task Clean, Build, Package
.EXAMPLE
    pwsh ./build.ps1 -Task Benchmark          # about 5-10 minutes on 2 cores; rewrites docs/benchmarks.md
#>
[CmdletBinding()]
param(
    # Build, Test, Pester, Package, Clean. Also accepts one comma-separated string: `pwsh ./build.ps1 -Task Build,Test`
    # hands the script the single string 'Build,Test' (-File passes arguments as text, not as an array).
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Parameters for the Benchmark task's script, each '-Name Value' (e.g. '-Rows0Ms 20000').
    [string[]] $BenchmarkArgs = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$knownTasks = 'Build', 'Test', 'Pester', 'Package', 'Clean', 'Benchmark'
$Task = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($name in $Task) {
    if ($knownTasks -notcontains $name) { throw "Unknown task '$name'. Tasks: $($knownTasks -join ', ')." }
}

$root = $PSScriptRoot
$solution = Join-Path $root 'ThuliumPS.sln'
$staged = Join-Path $root 'out/ThuliumPS'
$script:Built = $false

function Invoke-Native {
    param([Parameter(Mandatory)][string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Write-SuiteLine {
    param([string] $Suite, [int] $Passed, [int] $Failed, [int] $Skipped)
    # A plain line CI and people can read: '<suite>: N passed, N failed, N skipped'.
    Write-Information ('{0}: {1} passed, {2} failed, {3} skipped' -f $Suite, $Passed, $Failed, $Skipped) -InformationAction Continue
}

function Invoke-Build {
    Invoke-Native dotnet @('build', $solution, '-c', $Configuration)
    $script:Built = $true
}

function Invoke-XUnit {
    # Counts come from the TRX files dotnet test writes, not from its console text.
    $results = Join-Path $root 'out/test-results'
    Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction Ignore
    $arguments = @('test', $solution, '-c', $Configuration, '--logger', 'trx', '--results-directory', $results)
    # Build just ran in this invocation: building again only costs time.
    if ($script:Built) { $arguments += '--no-build' }
    & dotnet @arguments | Out-Host
    $exitCode = $LASTEXITCODE

    $counts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; ExitCode = $exitCode }
    $trx = @(Get-ChildItem -LiteralPath $results -Filter '*.trx' -Recurse -ErrorAction Ignore)
    if ($trx.Count -eq 0) {
        throw "dotnet test wrote no test results (exit code $exitCode): it did not build or found no test project."
    }
    foreach ($file in $trx) {
        $c = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$c.passed
        $counts.Failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        # xUnit's skipped tests are 'NotExecuted' in TRX.
        $counts.Skipped += [int]$c.notExecuted
    }
    Write-SuiteLine 'xunit' $counts.Passed $counts.Failed $counts.Skipped
    $counts
}

function Invoke-PesterSuite {
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        throw 'Pester 5 is not installed, so the cmdlets cannot be tested. Use the PowerShell from ../shared/tools/pwsh (bash ../shared/tools/pwsh/install.sh), which carries Pester 5, or Install-Module Pester -MinimumVersion 5.0.'
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

    # The tests run as under a plain Invoke-Pester: without this script's strict mode and 'Stop' preference, which
    # would otherwise reach every test scope and change what the tests check.
    $result = & {
        Set-StrictMode -Off
        $ErrorActionPreference = 'Continue'
        Invoke-Pester -Configuration $config
    }
    # A test file that failed to load has no tests to count as failed: count the file.
    $failed = $result.FailedCount + $result.FailedContainersCount
    Write-SuiteLine 'pester' $result.PassedCount $failed $result.SkippedCount
    [pscustomobject]@{
        Passed  = $result.PassedCount
        Failed  = $failed
        Skipped = $result.SkippedCount
        Result  = $result.Result
        FailedBlocks = $result.FailedBlocksCount
    }
}

function Assert-PesterResult {
    param($Pester)
    if ($Pester.Passed + $Pester.Failed -eq 0) {
        throw 'Pester ran no test: a run that tests nothing must not pass.'
    }
    if ($Pester.Failed -gt 0 -or $Pester.Result -ne 'Passed') {
        throw "Pester: $($Pester.Failed) test(s) or file(s) failed, $($Pester.FailedBlocks) block(s) failed (result: $($Pester.Result))."
    }
}

function Invoke-Test {
    $xunit = Invoke-XUnit
    # Pester runs even when xUnit failed, so one run shows every failure; the module must have been staged.
    $pester = Invoke-PesterSuite
    Write-SuiteLine 'total' ($xunit.Passed + $pester.Passed) ($xunit.Failed + $pester.Failed) ($xunit.Skipped + $pester.Skipped)
    if ($xunit.Failed -gt 0 -or $xunit.ExitCode -ne 0) {
        throw "xUnit: $($xunit.Failed) test(s) failed (dotnet test exit code $($xunit.ExitCode))."
    }
    Assert-PesterResult $pester
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

function Invoke-Benchmark {
    if ($Configuration -ne 'Release') { throw 'The benchmark measures the Release build: run it without -Configuration Debug.' }
    # The benchmark needs the sandbox, the staged module and the plain sender, all in Release.
    if (-not $script:Built) { Invoke-Build }
    $parameters = @{}
    foreach ($pair in $BenchmarkArgs | ForEach-Object { $_ -split ',' } | Where-Object { $_.Trim() }) {
        $name, $value = $pair.Trim() -split '\s+', 2
        if ($name -notmatch '^-\w+$' -or -not $value) { throw "BenchmarkArgs: '$pair' is not '-Name Value'." }
        $parameters[$name.Substring(1)] = $value
    }
    & (Join-Path $root 'tests/ThuliumPS.Benchmarks/EndToEnd/EndToEnd.ps1') @parameters
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
        'Pester'  { Assert-PesterResult (Invoke-PesterSuite) }
        'Package' { Invoke-Package }
        'Clean'   { Invoke-Clean }
        'Benchmark' { Invoke-Benchmark }
    }
}
