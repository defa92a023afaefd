#Requires -Version 5.1
# Issue 10, part 6: `./build.ps1 -Task Package` (run here in a child PowerShell, as a user runs it) writes
# out/ThuliumPS.<version>.nupkg in the layout the PowerShell Gallery and Publish-PSResource expect - the module's files
# at the package root beside the manifest, a .nuspec whose metadata is the manifest's - and out/ThuliumPS-<version>.zip
# holding the ThuliumPS folder. Both are opened and checked against the staged module (out/ThuliumPS).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildProcess.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $script:Root = Get-RepositoryRoot
    $script:Staged = Join-Path $script:Root 'out/ThuliumPS'
    $script:Manifest = Import-PowerShellDataFile (Join-Path $script:Staged 'ThuliumPS.psd1')
    $script:Version = $script:Manifest.ModuleVersion
    $script:Nupkg = Join-Path $script:Root "out/ThuliumPS.$($script:Version).nupkg"
    $script:Zip = Join-Path $script:Root "out/ThuliumPS-$($script:Version).zip"

    $script:Run = Invoke-ChildPowerShell -File (Join-Path $script:Root 'build.ps1') -Argument '-Task', 'Package' -WorkingDirectory $script:Root -TimeoutSec 300

    # Entry names of an archive, and one entry's text.
    function Get-ArchiveEntryName([string] $Path) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($archive.Entries | ForEach-Object FullName) } finally { $archive.Dispose() }
    }
    function Get-ArchiveEntryText([string] $Path, [string] $Name) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $reader = [System.IO.StreamReader]::new($archive.GetEntry($Name).Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $archive.Dispose() }
    }

    # Every file of the staged module, relative, with '/' separators (as zip entries name them).
    $script:StagedFiles = @(Get-ChildItem -LiteralPath $script:Staged -Recurse -File | ForEach-Object {
            $_.FullName.Substring($script:Staged.Length + 1).Replace('\', '/')
        } | Sort-Object)
}

Describe 'Package task' {
    It 'succeeds' {
        $script:Run.ExitCode | Should -Be 0 -Because $script:Run.Output
        $script:Nupkg | Should -Exist
        $script:Zip | Should -Exist
    }
}

Describe 'out/ThuliumPS.<version>.nupkg' {
    BeforeAll {
        $script:Entries = Get-ArchiveEntryName $script:Nupkg
        $script:Nuspec = [xml](Get-ArchiveEntryText $script:Nupkg 'ThuliumPS.nuspec')
        $script:Metadata = $script:Nuspec.package.metadata
    }

    It 'holds the manifest at the package root, as staged' {
        $script:Entries | Should -Contain 'ThuliumPS.psd1'
        Get-ArchiveEntryText $script:Nupkg 'ThuliumPS.psd1' | Should -BeExactly (Get-Content -LiteralPath (Join-Path $script:Staged 'ThuliumPS.psd1') -Raw)
    }

    It 'holds every file of the staged module at the same path' {
        foreach ($file in $script:StagedFiles) { $script:Entries | Should -Contain $file }
    }

    It 'holds nothing else but NuGet''s own parts' {
        # The nuspec and the OPC parts NuGet writes ([Content_Types].xml, _rels/, package/) - which Install-PSResource
        # leaves out when it installs - and the module's files.
        $extra = @($script:Entries | Where-Object {
                $_ -notin $script:StagedFiles -and $_ -ne 'ThuliumPS.nuspec' -and $_ -ne '[Content_Types].xml' -and
                -not $_.StartsWith('_rels/') -and -not $_.StartsWith('package/')
            })
        $extra | Should -BeNullOrEmpty
    }

    It 'holds the cmdlets, the loader, the format file, the help and the license' {
        foreach ($file in 'ThuliumPS.dll', 'ThuliumPS.Loader.dll', 'ThuliumPS.LoadContext.dll', 'ThuliumPS.Format.ps1xml',
            'LICENSE', 'CHANGELOG.md', 'en-US/ThuliumPS.dll-Help.xml', 'en-US/about_ThuliumPS.help.txt',
            'en-US/about_ThuliumPS_Reliability.help.txt') {
            $script:Entries | Should -Contain $file
        }
    }

    It 'holds ThuliumPS.Core and every dependency assembly in dependencies/' {
        $dependencies = @($script:StagedFiles | Where-Object { $_ -like 'dependencies/*.dll' })
        foreach ($name in 'ThuliumPS.Core', 'Polly.Core', 'System.Text.Json', 'Microsoft.Bcl.TimeProvider', 'Microsoft.Bcl.AsyncInterfaces') {
            $dependencies | Should -Contain "dependencies/$name.dll"
        }
        foreach ($dll in $dependencies) { $script:Entries | Should -Contain $dll }
    }

    It 'never holds System.Management.Automation.dll' {
        @($script:Entries | Where-Object { $_ -like '*System.Management.Automation.dll' }) | Should -BeNullOrEmpty
    }

    It 'has a nuspec whose metadata is the manifest''s' {
        $script:Metadata.id | Should -BeExactly 'ThuliumPS'
        $script:Metadata.version | Should -BeExactly $script:Version
        $script:Metadata.authors | Should -BeExactly $script:Manifest.Author
        $script:Metadata.owners | Should -BeExactly $script:Manifest.CompanyName
        $script:Metadata.description | Should -BeExactly $script:Manifest.Description
        $script:Metadata.copyright | Should -BeExactly $script:Manifest.Copyright
        $script:Metadata.releaseNotes | Should -BeExactly $script:Manifest.PrivateData.PSData.ReleaseNotes
        $script:Metadata.requireLicenseAcceptance | Should -Be 'false'
    }

    It 'names the license by the SPDX expression MIT, and no invented URI' {
        $script:Metadata.license.type | Should -Be 'expression'
        $script:Metadata.license.'#text' | Should -BeExactly 'MIT'
        # licenseUrl is NuGet's own compatibility field for an expression (https://licenses.nuget.org/MIT); no
        # project or icon URL while the manifest names none.
        $script:Metadata.projectUrl | Should -BeNullOrEmpty
        $script:Metadata.iconUrl | Should -BeNullOrEmpty
    }

    It 'has the manifest''s tags and the ones the gallery searches by' {
        $tags = $script:Metadata.tags -split ' '
        foreach ($tag in $script:Manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
        $tags | Should -Contain 'PSModule'
        $tags | Should -Contain 'PSIncludes_Cmdlet'
        foreach ($cmdlet in $script:Manifest.CmdletsToExport) {
            $tags | Should -Contain "PSCmdlet_$cmdlet"
            $tags | Should -Contain "PSCommand_$cmdlet"
        }
    }

    It 'installs as a module: its root, unpacked without NuGet''s parts, imports and exports the manifest''s cmdlets' {
        $target = Join-Path $TestDrive 'Modules/ThuliumPS'
        $archive = [System.IO.Compression.ZipFile]::OpenRead($script:Nupkg)
        try {
            foreach ($entry in $archive.Entries) {
                if ($entry.FullName -notin $script:StagedFiles) { continue }
                $path = Join-Path $target $entry.FullName
                $null = New-Item -ItemType Directory -Path (Split-Path $path) -Force
                [System.IO.Compression.ZipFileExtensions]::ExtractToFile($entry, $path)
            }
        }
        finally { $archive.Dispose() }

        # In a child PowerShell: the staged module may already be loaded in this one.
        $exe = (Get-Process -Id $PID).Path
        $count = & $exe -NoProfile -NonInteractive -Command "Import-Module '$target/ThuliumPS.psd1' -ErrorAction Stop; (Get-Command -Module ThuliumPS).Count"
        $LASTEXITCODE | Should -Be 0
        $count | Should -Be $script:Manifest.CmdletsToExport.Count
    }
}

Describe 'out/ThuliumPS-<version>.zip' {
    It 'holds the ThuliumPS folder with every staged file and nothing else' {
        $entries = @(Get-ArchiveEntryName $script:Zip | Where-Object { -not $_.EndsWith('/') } | Sort-Object)
        $entries | Should -Be @($script:StagedFiles | ForEach-Object { "ThuliumPS/$_" })
    }
}
