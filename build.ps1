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
      Analyze  PSScriptAnalyzer (PSScriptAnalyzerSettings.psd1) on the staged module, examples/ and build.ps1; any
               error or warning fails (CI runs it after the tests)
      Package  out/ThuliumPS.<version>.nupkg (PowerShell Gallery layout: the module at the package root, a .nuspec
               generated from the manifest) and out/ThuliumPS-<version>.zip (the ThuliumPS folder), from the staged
               module (the module must be built)
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
    pwsh ./build.ps1 -Task Benchmark          # about 4-7 minutes on 2 cores; rewrites docs/benchmarks.md
#>
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', 'Configuration',
    Justification = 'Used by the task functions below (script scope), which the rule does not follow.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', 'BenchmarkArgs',
    Justification = 'Used by Invoke-Benchmark below (script scope), which the rule does not follow.')]
[CmdletBinding()]
param(
    # Build, Test, Pester, Analyze, Package, Clean, Benchmark. Also accepts one comma-separated string: `pwsh ./build.ps1 -Task Build,Test`
    # hands the script the single string 'Build,Test' (-File passes arguments as text, not as an array).
    [string[]] $Task = @('Build', 'Test'),

    # The dotnet build configuration of every task (Release by default: what is staged, packaged and benchmarked).
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Parameters for the Benchmark task's script, each '-Name Value' (e.g. '-Rows0Ms 20000').
    [string[]] $BenchmarkArgs = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$knownTasks = 'Build', 'Test', 'Pester', 'Analyze', 'Package', 'Clean', 'Benchmark'
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

    $counts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; ExitCode = $exitCode; FailedTests = [System.Collections.Generic.List[string]]::new() }
    $trx = @(Get-ChildItem -LiteralPath $results -Filter '*.trx' -Recurse -ErrorAction Ignore)
    if ($trx.Count -eq 0) {
        throw "dotnet test wrote no test results (exit code $exitCode): it did not build or found no test project."
    }
    foreach ($file in $trx) {
        $run = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun
        foreach ($result in @($run.Results.UnitTestResult | Where-Object outcome -ne 'Passed' | Where-Object outcome -ne 'NotExecuted')) {
            $message = "$($result.Output.ErrorInfo.Message)".Trim()
            $counts.FailedTests.Add(('{0} ({1}): {2}' -f $result.testName, $result.duration, $message))
        }
        $c = $run.ResultSummary.Counters
        $counts.Passed += [int]$c.passed
        $counts.Failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        # xUnit's skipped tests are 'NotExecuted' in TRX.
        $counts.Skipped += [int]$c.notExecuted
    }
    Write-SuiteLine -Suite 'xunit' -Passed $counts.Passed -Failed $counts.Failed -Skipped $counts.Skipped
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
    Write-SuiteLine -Suite 'pester' -Passed $result.PassedCount -Failed $failed -Skipped $result.SkippedCount
    [pscustomobject]@{
        Passed  = $result.PassedCount
        Failed  = $failed
        Skipped = $result.SkippedCount
        Result  = $result.Result
        FailedBlocks = $result.FailedBlocksCount
        FailedTests = @($result.Failed | ForEach-Object { '{0}: {1}' -f $_.ExpandedPath, "$($_.ErrorRecord | Select-Object -First 1)".Trim() }) +
            @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.ErrorRecord.Count -gt 0 } | ForEach-Object { 'file {0}: {1}' -f $_.Item, "$($_.ErrorRecord | Select-Object -First 1)".Trim() })
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
    Write-SuiteLine -Suite 'total' -Passed ($xunit.Passed + $pester.Passed) -Failed ($xunit.Failed + $pester.Failed) -Skipped ($xunit.Skipped + $pester.Skipped)
    # Each failure again, one line each after the totals: a log read from its end (CI keeps only the tail) names them.
    foreach ($line in @($xunit.FailedTests | ForEach-Object { "failed xunit: $_" }) + @($pester.FailedTests | ForEach-Object { "failed pester: $_" })) {
        $line = $line -replace '\s+', ' '
        if ($line.Length -gt 400) { $line = $line.Substring(0, 400) + ' ...' }
        Write-Information $line -InformationAction Continue
    }
    if ($xunit.Failed -gt 0 -or $xunit.ExitCode -ne 0) {
        throw "xUnit: $($xunit.Failed) test(s) failed (dotnet test exit code $($xunit.ExitCode))."
    }
    Assert-PesterResult $pester
}

function Get-StagedManifest {
    if (-not (Test-Path (Join-Path $staged 'ThuliumPS.dll'))) {
        throw "No staged module at $staged; run the Build task first."
    }
    Import-PowerShellDataFile (Join-Path $staged 'ThuliumPS.psd1')
}

function Write-ModuleNuspec {
    <#
    The package's .nuspec, generated from the manifest so the two cannot disagree. The tags are the manifest's plus
    the ones Publish-PSResource adds for the PowerShell Gallery's search (PSModule, PSIncludes_Cmdlet,
    PSCmdlet_<name>, PSCommand_<name>). No projectUrl/iconUrl: the manifest names no URI (there is no public
    repository yet), and the gallery does not require one. The license is the SPDX expression MIT; LICENSE ships in
    the package beside the manifest.
    #>
    param([Parameter(Mandatory)] [hashtable] $Manifest, [Parameter(Mandatory)] [string] $Path)
    $psData = $Manifest.PrivateData.PSData
    $cmdlets = @($Manifest.CmdletsToExport)
    $tags = @($psData.Tags) + @('PSModule', 'PSIncludes_Cmdlet') +
        @($cmdlets | ForEach-Object { "PSCmdlet_$_" }) + @($cmdlets | ForEach-Object { "PSCommand_$_" })

    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $namespace = 'http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd'
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartElement('package', $namespace)
        $writer.WriteStartElement('metadata', $namespace)
        $writer.WriteElementString('id', $namespace, 'ThuliumPS')
        $writer.WriteElementString('version', $namespace, $Manifest.ModuleVersion)
        $writer.WriteElementString('authors', $namespace, $Manifest.Author)
        $writer.WriteElementString('owners', $namespace, $Manifest.CompanyName)
        $writer.WriteElementString('requireLicenseAcceptance', $namespace, 'false')
        $writer.WriteStartElement('license', $namespace)
        $writer.WriteAttributeString('type', 'expression')
        $writer.WriteString('MIT')
        $writer.WriteEndElement()
        $writer.WriteElementString('description', $namespace, $Manifest.Description)
        $writer.WriteElementString('releaseNotes', $namespace, $psData.ReleaseNotes)
        $writer.WriteElementString('copyright', $namespace, $Manifest.Copyright)
        $writer.WriteElementString('tags', $namespace, ($tags -join ' '))
        $writer.WriteEndElement()
        # Every staged file, at the package root: the layout Publish-PSResource writes and Install-PSResource reads.
        $writer.WriteStartElement('files', $namespace)
        $writer.WriteStartElement('file', $namespace)
        $writer.WriteAttributeString('src', '**/*')
        $writer.WriteAttributeString('target', '')
        $writer.WriteEndElement()
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    finally {
        $writer.Dispose()
    }
}

function Invoke-Package {
    # out/ThuliumPS.<version>.nupkg (for Publish-PSResource / the PowerShell Gallery) and out/ThuliumPS-<version>.zip
    # (the module folder, to unpack into a Modules folder), both from the staged module.
    $manifest = Get-StagedManifest
    $version = $manifest.ModuleVersion
    $out = Join-Path $root 'out'
    $nupkg = Join-Path $out "ThuliumPS.$version.nupkg"
    $zip = Join-Path $out "ThuliumPS-$version.zip"

    # dotnet pack does the NuGet packaging (OPC parts, nuspec at the root) from a generated nuspec; it needs a project
    # to run from, and this throwaway one holds nothing else. Its own Directory.Build.* files keep the repository's
    # build settings (warnings as errors, the version stamp) out of it.
    $work = Join-Path $out 'package'
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Path $work
    Set-Content -LiteralPath (Join-Path $work 'Directory.Build.props') -Value '<Project />'
    Set-Content -LiteralPath (Join-Path $work 'Directory.Build.targets') -Value '<Project />'
    $nuspec = Join-Path $work 'ThuliumPS.nuspec'
    Write-ModuleNuspec -Manifest $manifest -Path $nuspec
    # NU5100/NU5110/NU5111: assemblies and scripts outside lib/ and tools/ - a PowerShell module's layout, on purpose.
    Set-Content -LiteralPath (Join-Path $work 'Package.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <NuspecFile>$nuspec</NuspecFile>
    <NuspecBasePath>$staged</NuspecBasePath>
    <PackageOutputPath>$out</PackageOutputPath>
    <NoWarn>`$(NoWarn);NU5100;NU5110;NU5111</NoWarn>
  </PropertyGroup>
</Project>
"@
    Remove-Item -LiteralPath $nupkg, $zip -ErrorAction Ignore
    Invoke-Native dotnet @('pack', (Join-Path $work 'Package.csproj'), '--nologo', '-v', 'quiet')
    if (-not (Test-Path -LiteralPath $nupkg)) { throw "dotnet pack did not write $nupkg." }

    # The zip holds the ThuliumPS folder itself, so it unpacks into a Modules folder as is.
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    [System.IO.Compression.ZipFile]::CreateFromDirectory($staged, $zip, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    Write-Information "Packaged $nupkg and $zip" -InformationAction Continue
}

function Invoke-Analyze {
    # PSScriptAnalyzer with the committed settings on what ships and what users run: the staged module, examples/
    # and this script. Any Error or Warning fails the task; the last line is 'analyzer: N finding(s)'.
    if (-not (Get-Module -ListAvailable -Name PSScriptAnalyzer)) {
        throw 'PSScriptAnalyzer is not installed. Use the PowerShell from ../shared/tools/pwsh (bash ../shared/tools/pwsh/install.sh), which carries it, or Install-Module PSScriptAnalyzer.'
    }
    if (-not (Test-Path (Join-Path $staged 'ThuliumPS.psd1'))) {
        throw "No staged module at $staged; run the Build task first."
    }
    Import-Module PSScriptAnalyzer
    $settings = Join-Path $root 'PSScriptAnalyzerSettings.psd1'
    $findings = @(
        foreach ($path in $staged, (Join-Path $root 'examples'), (Join-Path $root 'build.ps1')) {
            Invoke-ScriptAnalyzer -Path $path -Recurse -Settings $settings
        }
    )
    # One line per finding, whatever the console width: '<Severity> <Rule> <file>:<line> <message>'.
    foreach ($finding in $findings) {
        $file = $finding.ScriptName
        if ($finding.ScriptPath -and $finding.ScriptPath.StartsWith($root)) { $file = $finding.ScriptPath.Substring($root.Length + 1) }
        Write-Information ('{0} {1} {2}:{3} {4}' -f $finding.Severity, $finding.RuleName, $file, $finding.Line, $finding.Message) -InformationAction Continue
    }
    Write-Information ('analyzer: {0} finding(s)' -f $findings.Count) -InformationAction Continue
    if ($findings.Count -gt 0) {
        throw "PSScriptAnalyzer: $($findings.Count) error(s) or warning(s) (settings: $settings)."
    }
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
        'Analyze' { Invoke-Analyze }
        'Package' { Invoke-Package }
        'Clean'   { Invoke-Clean }
        'Benchmark' { Invoke-Benchmark }
    }
}
