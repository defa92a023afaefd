#Requires -Version 5.1
# examples/ScheduledImport.ps1, run as a scheduler runs it: a child PowerShell with the THULIUM_* variables set for
# that process only. First run: the good rows are created, the bad ones written to a CSV, exit 1. Second run with the
# same journal: nothing new is sent (no POST in the sandbox's request log), same exit code. The corrected failed CSV
# fed back with the same journal creates the rest: exit 0, every row's customer exactly once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildProcess.psm1') -Force
    $script:Script = Join-Path (Get-RepositoryRoot) 'examples/ScheduledImport.ps1'
    $script:Manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
    $script:Sandbox = Start-ThuliumSandbox
    $script:ChildEnvironment = @{
        THULIUM_BASE_URI                         = $script:Sandbox.ApiUri
        THULIUM_API_USER                         = 'api_user'
        THULIUM_API_PASSWORD                     = 'api_pass'
        THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = 'true'
        THULIUM_INSTANCE                         = $null
    }
    $script:Folder = Join-Path $TestDrive 'job'
    $null = New-Item -ItemType Directory -Path $script:Folder
    $script:Csv = Write-TestCsv -Path (Join-Path $script:Folder 'customers.csv') -Line @(
        'surname,name,identifier,vip'
        'Alpha,Ann,S-1,no'
        ',Nameless,S-2,no'
        'Gamma,Gus,S-3,maybe'
        'Delta,Dee,S-4,yes'
    )

    function Invoke-Job {
        param([string[]] $Argument)
        Invoke-ChildPowerShell -File $script:Script -Argument (@('-Module', $script:Manifest) + $Argument) -Environment $script:ChildEnvironment
    }

    function Get-Post {
        @(Get-ThuliumSandboxRequest -Sandbox $script:Sandbox | Where-Object { $_.method -eq 'POST' })
    }
}

AfterAll {
    Stop-ThuliumSandbox -Sandbox $script:Sandbox
}

Describe 'examples/ScheduledImport.ps1' {
    It 'first run: creates the good rows, writes the failed ones as a CSV that can be fed back, logs the counts, exits 1' {
        $script:First = Invoke-Job -Argument '-CsvPath', $script:Csv
        $script:First.ExitCode | Should -Be 1 -Because $script:First.Output
        $names = @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers | ForEach-Object identifier | Sort-Object)
        $names | Should -Be @('S-1', 'S-4')

        $failed = @(Import-Csv -LiteralPath (Join-Path $script:Folder 'customers.failed.csv') -Encoding UTF8)
        @($failed | ForEach-Object identifier) | Should -Be @('S-2', 'S-3')
        @($failed[0].PSObject.Properties.Name) | Should -Be @('surname', 'name', 'identifier', 'vip')
        Test-Path -LiteralPath (Join-Path $script:Folder 'customers.journal.jsonl') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $script:Folder 'customers.unknown.csv') | Should -BeFalse

        $log = Get-Content -LiteralPath (Join-Path $script:Folder 'customers.log') -Raw
        $log | Should -Match 'Rows 4: created 2, already done 0, failed 2, unknown 0'
        $log | Should -Not -Match 'api_pass'
        $script:First.StdOut | Should -Match 'Rows 4: created 2'
    }

    It 'second run with the same journal: no new POST, the done rows already done, exits as the first' {
        $posts = (Get-Post).Count
        $second = Invoke-Job -Argument '-CsvPath', $script:Csv
        $second.ExitCode | Should -Be $script:First.ExitCode -Because $second.Output
        (Get-Post).Count | Should -Be $posts
        $second.StdOut | Should -Match 'Rows 4: created 0, already done 2, failed 2, unknown 0'
        @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers).Count | Should -Be 2
    }

    It 'the corrected failed CSV fed back with the same journal creates the rest and exits 0' {
        $failedCsv = Join-Path $script:Folder 'customers.failed.csv'
        $rows = @(Import-Csv -LiteralPath $failedCsv -Encoding UTF8)
        $rows[0].surname = 'Beta'
        $rows[1].vip = 'no'
        $rows | Export-Csv -LiteralPath $failedCsv -NoTypeInformation -Encoding utf8

        $third = Invoke-Job -Argument '-CsvPath', $failedCsv, '-JournalPath', (Join-Path $script:Folder 'customers.journal.jsonl')
        $third.ExitCode | Should -Be 0 -Because $third.Output
        $third.StdOut | Should -Match 'Rows 2: created 2, already done 0, failed 0, unknown 0'
        $byIdentifier = @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers | Group-Object identifier)
        @($byIdentifier | ForEach-Object Name | Sort-Object) | Should -Be @('S-1', 'S-2', 'S-3', 'S-4')
        @($byIdentifier | Where-Object Count -NE 1).Count | Should -Be 0
        Test-Path -LiteralPath (Join-Path $script:Folder 'customers.failed.failed.csv') | Should -BeFalse
    }

    It 'without a connection it stops before importing and exits 2' {
        $environment = @{ THULIUM_BASE_URI = $null; THULIUM_INSTANCE = $null; THULIUM_API_USER = $null; THULIUM_API_PASSWORD = $null }
        $run = Invoke-ChildPowerShell -File $script:Script -Argument '-Module', $script:Manifest, '-CsvPath', $script:Csv -Environment $environment
        $run.ExitCode | Should -Be 2 -Because $run.Output
        Get-Content -LiteralPath (Join-Path $script:Folder 'customers.log') -Raw | Should -Match 'STOPPED before import'
    }
}
