#Requires -Version 5.1
# examples/Demo.ps1 - the README's first command, the main job - run as a user runs it: in a child PowerShell,
# -NoProfile -NonInteractive -File. Checks its exit code, that every section showed its results, that no binding
# error or exception text appears, and the sandbox's state afterwards. Expected numbers are derived from the
# example CSVs and the sandbox's state before the run.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildProcess.psm1') -Force
    $script:Root = Get-RepositoryRoot
    $script:Demo = Join-Path $script:Root 'examples/Demo.ps1'
    $script:Examples = Join-Path $script:Root 'examples'

    # The demo's summary line for one section, parsed:
    # '<name>: N row(s), N result(s) [Outcome/Status N, ...], N succeeded, N error(s)'.
    function Get-SectionSummary {
        param([string] $Output, [string] $Name)
        $pattern = '(?m)^' + [regex]::Escape($Name) + ': (\d+) row\(s\), (\d+) result\(s\) \[([^\]]*)\], (\d+) succeeded, (\d+) error\(s\)'
        $m = [regex]::Match($Output, $pattern)
        if (-not $m.Success) { return $null }
        [pscustomobject]@{
            Rows      = [int]$m.Groups[1].Value
            Results   = [int]$m.Groups[2].Value
            ByOutcome = $m.Groups[3].Value
            Succeeded = [int]$m.Groups[4].Value
            Errors    = [int]$m.Groups[5].Value
        }
    }

    function ConvertTo-CampaignId([string] $Id) { '{0:D5}' -f [int]$Id }
}

Describe 'examples/Demo.ps1 against a sandbox (-BaseUri)' {
    BeforeAll {
        $script:Sandbox = Start-ThuliumSandbox -Demo
        $script:Before = Get-ThuliumSandboxState -Sandbox $script:Sandbox
        $script:Run = Invoke-ChildPowerShell -File $script:Demo -Argument '-BaseUri', $script:Sandbox.ApiUri
        $script:After = Get-ThuliumSandboxState -Sandbox $script:Sandbox
        $script:Customers = @(Import-Csv (Join-Path $script:Examples 'customers.csv'))
        $script:Items = @(Import-Csv (Join-Path $script:Examples 'field-group-items.csv'))
        $script:Records = @(Import-Csv (Join-Path $script:Examples 'crm-records.csv'))
        $script:SeededIds = @($script:Before.customers | ForEach-Object { [long]$_.customer_id })
    }

    AfterAll {
        Stop-ThuliumSandbox -Sandbox $script:Sandbox
    }

    It 'exits with 0 and says it finished' {
        $script:Run.ExitCode | Should -Be 0 -Because $script:Run.Output
        $script:Run.StdOut | Should -Match '(?m)^Demo finished: 5 sections ran'
    }

    It 'shows no binding error, exception or stopped section' {
        $script:Run.Output | Should -Not -Match 'cannot be bound'
        $script:Run.Output | Should -Not -Match 'Exception'
        $script:Run.Output | Should -Not -Match 'STOPPED|The demo stopped|PROBLEM:'
        $script:Run.StdErr.Trim() | Should -BeNullOrEmpty
    }

    It 'used the sandbox it was given (started none of its own)' {
        $script:Run.StdOut | Should -Match ('(?m)^Sandbox: ' + [regex]::Escape($script:Sandbox.ApiUri) + '\s*$')
    }

    It 'rehearsal: one result per row - the two rows refused locally fail, the others are NotSent/WhatIf; nothing is sent' {
        $s = Get-SectionSummary $script:Run.StdOut 'rehearsal'
        $s | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $s.Rows | Should -Be $script:Customers.Count
        # customers.csv: Maria has no surname, Tomasz's vip is 'maybe' - both refused before sending.
        $s.Results | Should -Be $script:Customers.Count
        $s.ByOutcome | Should -Be 'Failed/InvalidInput 2, NotSent/WhatIf 4'
        $s.Errors | Should -Be 2
        $s.Succeeded | Should -Be 0
        $script:Run.StdOut | Should -Match "What if: .*Customer 'Jan Kowalski'"
        # The only customer-creating request is the import's.
        @($script:After.requests | Where-Object { $_.method -eq 'POST' -and $_.target -like '/api/batch/customers*' }).Count | Should -Be 1
    }

    It 'import: one result per row; the good rows created, the bad ones failed with an error each' {
        $s = Get-SectionSummary $script:Run.StdOut 'import'
        $s | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $s.Rows | Should -Be $script:Customers.Count
        $s.Results | Should -Be $script:Customers.Count
        # Bad rows: no surname, phone 'abc' (refused by the server), vip 'maybe'.
        $s.Succeeded | Should -Be ($script:Customers.Count - 3)
        $s.Errors | Should -Be 3
        $script:Run.StdOut | Should -Match 'Phone number must be numeric'
    }

    It 'field-group items: one result per CSV row; items stored for the customers that exist' {
        $s = Get-SectionSummary $script:Run.StdOut 'field-group items'
        $s | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $existing = @($script:Items | Where-Object { $script:SeededIds -contains [long]$_.customer_id })
        $s.Rows | Should -Be $script:Items.Count
        $s.Results | Should -Be $script:Items.Count
        $s.Succeeded | Should -Be $existing.Count
        $s.Errors | Should -Be ($script:Items.Count - $existing.Count)

        $stored = @($script:After.field_group_items)
        $stored.Count | Should -Be $existing.Count
        foreach ($row in $existing) {
            $item = @($stored | Where-Object { [long]$_.customer_id -eq [long]$row.customer_id })
            $item.Count | Should -Be 1
            [long]$item[0].group_id | Should -Be ([long]$row.group_id)
            # Every non-empty field.<id> cell is stored; empty cells are not sent.
            $expected = @{}
            foreach ($p in $row.PSObject.Properties) {
                if ($p.Name -like 'field.*' -and $p.Value -ne '') { $expected[[long]$p.Name.Substring(6)] = $p.Value }
            }
            @($item[0].values).Count | Should -Be $expected.Count
            foreach ($v in @($item[0].values)) { [string]$v.value | Should -Be $expected[[long]$v.field_id] }
        }
    }

    It 'CRM records: one result per row; removed unless absent or in a call' {
        $s = Get-SectionSummary $script:Run.StdOut 'crm records'
        $s | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $s.Rows | Should -Be $script:Records.Count
        $s.Results | Should -Be $script:Records.Count

        $removable = 0
        foreach ($row in $script:Records) {
            $id = ConvertTo-CampaignId $row.campaign_id
            $before = @(Get-CampaignRecord $script:Before $id | Where-Object { $_ -and [long]$_.customer_id -eq [long]$row.customer_id })
            $after = @(Get-CampaignRecord $script:After $id | Where-Object { $_ -and [long]$_.customer_id -eq [long]$row.customer_id })
            if ($before.Count -eq 1 -and -not $before[0].in_call) {
                $removable++
                $after.Count | Should -Be 0 -Because "campaign $id, customer $($row.customer_id) should be removed"
            }
            else {
                $after.Count | Should -Be $before.Count -Because "campaign $id, customer $($row.customer_id) should be untouched"
            }
        }
        $removable | Should -BeGreaterThan 0
        $s.Succeeded | Should -Be $removable
        $s.Errors | Should -Be ($script:Records.Count - $removable)
        $s.ByOutcome | Should -Match 'Succeeded/REMOVED'
    }

    It 'clean-up: removes exactly the customers the import created' {
        $import = Get-SectionSummary $script:Run.StdOut 'import'
        $s = Get-SectionSummary $script:Run.StdOut 'clean-up'
        $s | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $s.Rows | Should -Be $import.Succeeded
        $s.Results | Should -Be $import.Succeeded
        $s.Succeeded | Should -Be $import.Succeeded
        $s.Errors | Should -Be 0
        @($script:After.customers | ForEach-Object { [long]$_.customer_id } | Sort-Object) |
            Should -Be @($script:SeededIds | Sort-Object)
    }
}

Describe 'examples/Demo.ps1 as the README runs it (no -BaseUri)' {
    BeforeAll {
        $script:Run = Invoke-ChildPowerShell -File $script:Demo
        $m = [regex]::Match($script:Run.StdOut, '(?m)^Sandbox: (http://127\.0\.0\.1:\d+/api/) \(started by this demo')
        $script:Started = if ($m.Success) { $m.Groups[1].Value } else { $null }
    }

    It 'starts its own sandbox on a free port, runs every section and exits with 0' {
        $script:Started | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        $script:Run.ExitCode | Should -Be 0 -Because $script:Run.Output
        foreach ($name in 'rehearsal', 'import', 'field-group items', 'crm records', 'clean-up') {
            Get-SectionSummary $script:Run.StdOut $name | Should -Not -BeNullOrEmpty -Because "section '$name' prints its summary"
        }
    }

    It 'stops the sandbox it started' {
        $script:Started | Should -Not -BeNullOrEmpty -Because $script:Run.Output
        { Invoke-RestMethod -Uri ([uri]::new([uri]$script:Started, '/_sandbox/state')) -TimeoutSec 5 -ErrorAction Stop } |
            Should -Throw
    }
}
