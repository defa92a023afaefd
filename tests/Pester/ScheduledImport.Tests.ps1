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

Describe 'examples/ScheduledImport.ps1: paths, could-not-run and unknown rows' {
    BeforeEach {
        Reset-ThuliumSandbox -Sandbox $script:Sandbox
        $script:Job = Join-Path $TestDrive ('job-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Job
        $script:JobCsv = Write-TestCsv -Path (Join-Path $script:Job 'customers.csv') -Line @('surname,name,identifier', 'Alpha,Ann,U-1', ',Nameless,U-2')
    }

    It 'takes relative paths from PowerShell''s location (Set-Location), not from the process''s directory' {
        # The tester's case: a pwsh started elsewhere, Set-Location to the job's folder, relative paths.
        $elsewhere = Join-Path $TestDrive ('elsewhere-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $elsewhere
        $null = New-Item -ItemType Directory -Path (Join-Path $script:Job 'logs')
        $wrapper = Join-Path $TestDrive 'relative.ps1'
        Set-Content -LiteralPath $wrapper -Encoding UTF8 -Value @(
            "Set-Location -LiteralPath '$($script:Job)'"
            "& '$($script:Script)' -Module '$($script:Manifest)' -CsvPath customers.csv -LogPath logs/run.log -FailedPath rejected.csv"
            'exit $LASTEXITCODE'
        )
        $run = Invoke-ChildPowerShell -File $wrapper -WorkingDirectory $elsewhere -Environment $script:ChildEnvironment
        $run.ExitCode | Should -Be 1 -Because $run.Output
        @(Get-ChildItem -LiteralPath $elsewhere).Count | Should -Be 0 -Because 'nothing belongs in the process''s directory'
        Get-Content -LiteralPath (Join-Path $script:Job 'logs/run.log') -Raw | Should -Match ([regex]::Escape("Import of '$(Join-Path $script:Job 'customers.csv')'"))
        Test-Path -LiteralPath (Join-Path $script:Job 'customers.journal.jsonl') | Should -BeTrue
        @(Import-Csv -LiteralPath (Join-Path $script:Job 'rejected.csv') | ForEach-Object identifier) | Should -Be @('U-2')
    }

    It 'exits 2 with the reason on stderr, sending nothing, when <Case>' -ForEach @(
        @{ Case = 'the log cannot be written'; Argument = @('-LogPath', '<job>/missing/x.log'); Reason = "STOPPED before import: The log '.*x\.log' cannot be written"; Logged = $false }
        @{ Case = 'the failed-rows file cannot be written'; Argument = @('-FailedPath', '<job>/missing/f.csv'); Reason = "STOPPED before import: '.*f\.csv' cannot be written"; Logged = $true }
        @{ Case = 'the unknown-rows file cannot be written'; Argument = @('-UnknownPath', '<job>/missing/u.csv'); Reason = "STOPPED before import: '.*u\.csv' cannot be written"; Logged = $true }
        @{ Case = 'the CSV does not exist'; Argument = @('-CsvPath', '<job>/nope.csv'); Reason = "STOPPED before import: The CSV '.*nope\.csv' does not exist"; Logged = $false }
        @{ Case = '-ResolveUnknown has no -KeyProperty to look up by'; Argument = @('-ResolveUnknown'); Reason = 'STOPPED: -ResolveUnknown needs -KeyProperty'; Logged = $true }
    ) {
        $arguments = @('-Module', $script:Manifest)
        if ($Argument[0] -ne '-CsvPath') { $arguments += '-CsvPath', $script:JobCsv }
        $arguments += @($Argument | ForEach-Object { $_.Replace('<job>', $script:Job) })
        $run = Invoke-ChildPowerShell -File $script:Script -Argument $arguments -Environment $script:ChildEnvironment
        $run.ExitCode | Should -Be 2 -Because $run.Output
        $run.StdErr | Should -Match $Reason
        (Get-Post).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $script:Job -Filter '*.journal.jsonl*').Count | Should -Be 0 -Because 'the journal is not opened either'
        $log = Join-Path $script:Job 'customers.log'
        if ($Logged) { Get-Content -LiteralPath $log -Raw | Should -Match $Reason }
    }

    It 'exits 2 with the reason on stderr when -CsvPath is missing under -NonInteractive' {
        $run = Invoke-ChildPowerShell -File $script:Script -Argument '-Module', $script:Manifest -Environment $script:ChildEnvironment
        $run.ExitCode | Should -Be 2 -Because $run.Output
        $run.StdErr | Should -Match 'STOPPED before import: -CsvPath is required'
    }

    It 'passes -RetryUnknown on: the unknown rows, checked and fed back with the journal, are sent again' {
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @{ method = 'POST'; path = '/api/batch/customers'; drop = 'before' }
        $first = Invoke-Job -Argument '-CsvPath', $script:JobCsv
        $first.ExitCode | Should -Be 1 -Because $first.Output
        $unknownCsv = Join-Path $script:Job 'customers.unknown.csv'
        @(Import-Csv -LiteralPath $unknownCsv | ForEach-Object identifier) | Should -Be @('U-1')
        $first.StdOut | Should -Match ([regex]::Escape("-CsvPath '$unknownCsv'") + '.*-RetryUnknown')
        @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers).Count | Should -Be 0

        $journal = Join-Path $script:Job 'customers.journal.jsonl'
        $second = Invoke-Job -Argument '-CsvPath', $unknownCsv, '-JournalPath', $journal, '-RetryUnknown'
        $second.ExitCode | Should -Be 0 -Because $second.Output
        @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers | ForEach-Object identifier) | Should -Be @('U-1')
    }

    It 'passes -ResolveUnknown on: an unknown row that was created is found by its key, not sent again' {
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @{ method = 'POST'; path = '/api/batch/customers'; drop = 'after' }
        $first = Invoke-Job -Argument '-CsvPath', $script:JobCsv, '-KeyProperty', 'identifier'
        $first.ExitCode | Should -Be 1 -Because $first.Output
        $first.StdOut | Should -Match 'run again with -ResolveUnknown'
        $posts = (Get-Post).Count

        $second = Invoke-Job -Argument '-CsvPath', $script:JobCsv, '-KeyProperty', 'identifier', '-ResolveUnknown'
        (Get-Post).Count | Should -Be $posts -Because 'the row was found, so nothing is created again'
        @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers | ForEach-Object identifier) | Should -Be @('U-1')
        $second.ExitCode | Should -Be 1 -Because 'U-2 still has no surname (not 2: the run did run)'
        $second.StdOut | Should -Match 'failed 1, unknown 0'
    }
}
