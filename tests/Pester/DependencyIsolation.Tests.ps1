#Requires -Version 5.1
# Issue 10, part 5: on PowerShell 7, ThuliumPS.Core and its dependencies load into the module's own
# AssemblyLoadContext, so an older Polly.Core that another module loaded (before or after ThuliumPS) breaks neither.
# Each order runs in a child pwsh (a load context cannot be undone in this one). Polly.Core 8.4.2 is restored from the
# NuGet feed at test time into out/ (no binaries in the repository); its net8.0 build is what a PowerShell 7 module
# would ship, and it is the one that broke ThuliumPS before the isolation (Method not found:
# ResiliencePipelineBuilderBase.set_TimeProvider).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildProcess.psm1') -Force
    $script:Root = Get-RepositoryRoot
    $script:Staged = Join-Path $script:Root 'out/ThuliumPS'
    $script:Dependencies = Join-Path $script:Staged 'dependencies'
    $script:IsCore = $PSVersionTable.PSEdition -eq 'Core'

    # Restores Polly.Core 8.4.2 with a throwaway project under out/ (once; later runs reuse it) and returns its net8.0
    # assembly. The project's own Directory.Build.* files keep the repository's build settings out of it.
    function Get-OlderPollyCore {
        $folder = Join-Path $script:Root 'out/test-packages/polly-core-8.4.2'
        $dll = Join-Path $folder 'packages/polly.core/8.4.2/lib/net8.0/Polly.Core.dll'
        if (Test-Path -LiteralPath $dll) { return $dll }
        $null = New-Item -ItemType Directory -Path $folder -Force
        Set-Content -LiteralPath (Join-Path $folder 'Directory.Build.props') -Value '<Project />'
        Set-Content -LiteralPath (Join-Path $folder 'Directory.Build.targets') -Value '<Project />'
        Set-Content -LiteralPath (Join-Path $folder 'OlderPolly.csproj') -Value @'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Polly.Core" Version="8.4.2" /></ItemGroup>
</Project>
'@
        $output = & dotnet restore (Join-Path $folder 'OlderPolly.csproj') --packages (Join-Path $folder 'packages') 2>&1
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $dll)) {
            throw "Could not restore Polly.Core 8.4.2 (exit code $LASTEXITCODE):`n$($output -join "`n")"
        }
        $dll
    }

    # Runs DependencyIsolation.Child.ps1 in the given order; returns the child's exit code, output and facts.
    function Invoke-IsolationChild([string] $Order) {
        $run = Invoke-ChildPowerShell -File (Join-Path $PSScriptRoot 'DependencyIsolation.Child.ps1') -Argument @(
            '-ModulePath', (Join-Path $script:Staged 'ThuliumPS.psd1'), '-PollyPath', $script:Polly,
            '-ApiUri', $script:Sandbox.ApiUri, '-Order', $Order)
        $line = @($run.StdOut -split "`r?`n" | Where-Object { $_.StartsWith('@@FACTS@@') }) | Select-Object -Last 1
        $facts = if ($line) { $line.Substring('@@FACTS@@'.Length) | ConvertFrom-Json } else { $null }
        [pscustomobject]@{ ExitCode = $run.ExitCode; Output = $run.Output; Facts = $facts }
    }

    function Test-InFolder([string] $Path, [string] $Folder) {
        [System.IO.Path]::GetDirectoryName([System.IO.Path]::GetFullPath($Path)) -eq [System.IO.Path]::GetFullPath($Folder).TrimEnd('/', '\')
    }

    if ($script:IsCore) {
        $script:Polly = Get-OlderPollyCore
        $script:Sandbox = Start-ThuliumSandbox
    }
}

AfterAll {
    if ($script:Sandbox) { Stop-ThuliumSandbox -Sandbox $script:Sandbox }
}

Describe 'Dependency isolation on PowerShell 7: <Order>' -ForEach @(
    @{ Order = 'PollyFirst'; Description = 'Polly.Core 8.4.2 loaded first, then ThuliumPS imported and used' }
    @{ Order = 'ThuliumFirst'; Description = 'ThuliumPS imported and used first, then Polly.Core 8.4.2 loaded and used, then ThuliumPS again, and again after Remove-Module and a new import' }
) {
    BeforeAll {
        if ($script:IsCore) { $script:Run = Invoke-IsolationChild $Order }
    }

    BeforeEach {
        if (-not $script:IsCore) {
            Set-ItResult -Skipped -Because 'load contexts exist on PowerShell 7 only; Windows PowerShell 5.1 resolves from dependencies/ (reviewed, not tested)'
        }
    }

    It 'runs without an error (<Description>)' {
        $script:Run.Facts | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $script:Run.Facts.Error | Should -BeNullOrEmpty -Because $script:Run.Output
        $script:Run.ExitCode | Should -Be 0 -Because $script:Run.Output
    }

    It 'creates and removes customers with ThuliumPS, before and after the other Polly.Core' {
        @($script:Run.Facts.CreatedA) | Should -Be @('Succeeded', 'Succeeded')
        @($script:Run.Facts.RemovedA) | Should -Be @('Succeeded', 'Succeeded')
        if ($Order -eq 'ThuliumFirst') {
            @($script:Run.Facts.CreatedB) | Should -Be @('Succeeded', 'Succeeded')
            @($script:Run.Facts.RemovedB) | Should -Be @('Succeeded', 'Succeeded')
            @($script:Run.Facts.CreatedC) | Should -Be @('Succeeded', 'Succeeded')
            @($script:Run.Facts.RemovedC) | Should -Be @('Succeeded', 'Succeeded')
        }
    }

    It 'lets the other module use its Polly.Core 8.4.2 from the default context' {
        $other = $script:Run.Facts.OtherPolly
        $other.LoadContext | Should -Be 'Default'
        $other.Location | Should -Be $script:Polly
        $other.Version | Should -BeLike '8.4.2*'
        $script:Run.Facts.OtherPollyAttempts | Should -Be 2 -Because 'its retry pipeline retried the failed first attempt'
    }

    It 'loads ThuliumPS.dll into the default context and ThuliumPS.Core once, into the module''s own context' {
        $script:Run.Facts.Cmdlets.LoadContext | Should -Be 'Default'
        @($script:Run.Facts.Core).Count | Should -Be 1
        $script:Run.Facts.Core[0].LoadContext | Should -Be 'ThuliumPS'
        Test-InFolder $script:Run.Facts.Core[0].Location $script:Dependencies | Should -BeTrue
    }

    It 'binds ThuliumPS.Core to its own Polly.Core and Microsoft.Bcl.TimeProvider, never to the other module''s' {
        $polly = $script:Run.Facts.CoreBinds.'Polly.Core'
        $polly.LoadContext | Should -Be 'ThuliumPS'
        Test-InFolder $polly.Location $script:Dependencies | Should -BeTrue
        $polly.Version | Should -Not -BeLike '8.4.2*'
        $pollies = @($script:Run.Facts.PollyAssemblies)
        $pollies.Count | Should -Be 2 -Because 'each module has its own copy'
        @($pollies | ForEach-Object LoadContext | Sort-Object) | Should -Be @('Default', 'ThuliumPS')
        $timeProvider = $script:Run.Facts.CoreBinds.'Microsoft.Bcl.TimeProvider'
        if ($timeProvider) { $timeProvider.LoadContext | Should -Be 'ThuliumPS' }
    }

    It 'uses the runtime''s System.Text.Json (the staged one is the netstandard2.0 build for Windows PowerShell)' {
        # A runtime assembly in an equal or newer version is shared, as the .NET host does for any application: it
        # keeps one Span<T>, and no module can replace the runtime's copy in the default context.
        $json = $script:Run.Facts.CoreBinds.'System.Text.Json'
        $json.LoadContext | Should -Be 'Default'
        Test-InFolder $json.Location ([System.IO.Path]::GetDirectoryName([object].Assembly.Location)) | Should -BeTrue
    }
}
