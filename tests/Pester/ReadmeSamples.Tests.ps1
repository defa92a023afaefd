#Requires -Version 5.1
# Every ```powershell sample in README.md runs as written against a sandbox, in a child PowerShell, in a scratch
# folder holding copies of examples/ and out/ThuliumPS (so relative paths work and nothing is written into the
# repository). The one change: a `Connect-Thulium ...` line connects to the sandbox instead of a real instance.

BeforeDiscovery {
    $readme = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot '../../README.md'))
    $blocks = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value }
    $script:Samples = @(for ($i = 0; $i -lt @($blocks).Count; $i++) {
            @{ Number = $i + 1; Code = @($blocks)[$i]; FirstLine = (@($blocks)[$i] -split '\r?\n')[0] }
        })
    # The sample that creates, removes and adds: its effects on the sandbox are checked one by one.
    $script:MainSamples = @($script:Samples | Where-Object { $_.Code -match 'New-ThuliumCustomer' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildProcess.psm1') -Force
    $script:Root = Get-RepositoryRoot

    # Runs one sample in a fresh scratch folder; returns the child's run and the folder.
    function Invoke-ReadmeSample {
        param([string] $Code, $Sandbox)
        $scratch = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-readme-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $scratch 'out')
        Copy-Item -Recurse (Join-Path $script:Root 'examples') (Join-Path $scratch 'examples')
        Copy-Item -Recurse (Join-Path $script:Root 'out/ThuliumPS') (Join-Path $scratch 'out/ThuliumPS')

        $connect = "Connect-Thulium -BaseUri '{0}' -Credential ([pscredential]::new('api_user', (ConvertTo-SecureString 'api_pass' -AsPlainText -Force))) -AllowUnencryptedAuthentication | Out-Null" -f $Sandbox.ApiUri
        $lines = foreach ($line in ($Code -split '\r?\n')) {
            if ($line -match '^\s*Connect-Thulium\b') { $connect } else { $line }
        }
        # A terminating error ends the sample with a marker the test looks for; the last line proves it ran through.
        $script = @('trap { "TERMINATING ERROR: $_"; exit 2 }') + $lines + @("'README-SAMPLE-DONE'")
        $file = Join-Path $scratch 'sample.ps1'
        [System.IO.File]::WriteAllText($file, ($script -join "`n"), [System.Text.UTF8Encoding]::new($true))

        # The module is found as an installed one would be: through PSModulePath.
        $modulePath = (Join-Path $scratch 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $run = Invoke-ChildPowerShell -File $file -WorkingDirectory $scratch -Environment @{ PSModulePath = $modulePath }
        [pscustomobject]@{ Run = $run; Scratch = $scratch }
    }
}

Describe 'README.md' -ForEach @(@{ SampleCount = $script:Samples.Count; MainCount = $script:MainSamples.Count }) {
    It 'has PowerShell samples, one of them the main job' {
        $SampleCount | Should -BeGreaterThan 1
        $MainCount | Should -Be 1
    }
}

Describe 'README sample <Number> (<FirstLine>) runs as written' -ForEach $script:Samples {
    BeforeAll {
        $script:Sandbox = Start-ThuliumSandbox -Demo
        $script:Sample = Invoke-ReadmeSample -Code $Code -Sandbox $script:Sandbox
    }

    AfterAll {
        Stop-ThuliumSandbox -Sandbox $script:Sandbox
        Remove-Item -Recurse -Force $script:Sample.Scratch -ErrorAction SilentlyContinue
    }

    It 'runs to its end and exits with 0' {
        $script:Sample.Run.ExitCode | Should -Be 0 -Because $script:Sample.Run.Output
        $script:Sample.Run.StdOut | Should -Match 'README-SAMPLE-DONE'
    }

    It 'shows no terminating, binding or unknown-command error and no exception text' {
        $script:Sample.Run.Output | Should -Not -Match 'TERMINATING ERROR|cannot be bound|is not recognized|Exception'
    }
}

Describe 'the README''s main sample does what its comments say' -ForEach $script:MainSamples {
    BeforeAll {
        $script:Sandbox = Start-ThuliumSandbox -Demo
        $script:Before = Get-ThuliumSandboxState -Sandbox $script:Sandbox
        $script:Sample = Invoke-ReadmeSample -Code $Code -Sandbox $script:Sandbox
        $script:After = Get-ThuliumSandboxState -Sandbox $script:Sandbox
        $script:SeededIds = @($script:Before.customers | ForEach-Object { [long]$_.customer_id })
    }

    AfterAll {
        Stop-ThuliumSandbox -Sandbox $script:Sandbox
        Remove-Item -Recurse -Force $script:Sample.Scratch -ErrorAction SilentlyContinue
    }

    It 'the -WhatIf line sends nothing: one customer-creating request in all' {
        @($script:After.requests | Where-Object { $_.method -eq 'POST' -and $_.target -like '/api/batch/customers*' }).Count |
            Should -Be 1
    }

    It 'results.csv holds one result per row of customers.csv, the good rows Succeeded' {
        $rows = @(Import-Csv (Join-Path $script:Root 'examples/customers.csv'))
        $results = @(Import-Csv (Join-Path $script:Sample.Scratch 'results.csv'))
        $results.Count | Should -Be $rows.Count
        # customers.csv has three bad rows: no surname, phone 'abc', vip 'maybe'.
        @($results | Where-Object Outcome -eq 'Succeeded').Count | Should -Be ($rows.Count - 3)
    }

    It 'the created customers were removed again from results.csv' {
        @($script:After.requests | Where-Object { $_.method -eq 'DELETE' -and $_.target -like '/api/batch/customers*' }).Count |
            Should -BeGreaterThan 0
        @($script:After.customers | ForEach-Object { [long]$_.customer_id } | Sort-Object) | Should -Be @($script:SeededIds | Sort-Object)
    }

    It 'the CRM records named in crm-records.csv that were not in a call are gone' {
        $removed = 0
        foreach ($row in Import-Csv (Join-Path $script:Root 'examples/crm-records.csv')) {
            $id = '{0:D5}' -f [int]$row.campaign_id
            $before = @(Get-CampaignRecord $script:Before $id | Where-Object { $_ -and [long]$_.customer_id -eq [long]$row.customer_id -and -not $_.in_call })
            $after = @(Get-CampaignRecord $script:After $id | Where-Object { $_ -and [long]$_.customer_id -eq [long]$row.customer_id -and -not $_.in_call })
            $after.Count | Should -Be 0
            $removed += $before.Count
        }
        $removed | Should -BeGreaterThan 0
    }

    It 'field-group items were stored for the rows whose customer exists' {
        $existing = @(Import-Csv (Join-Path $script:Root 'examples/field-group-items.csv') |
                Where-Object { $script:SeededIds -contains [long]$_.customer_id })
        $existing.Count | Should -BeGreaterThan 0
        @($script:After.field_group_items | ForEach-Object { [long]$_.customer_id } | Sort-Object) |
            Should -Be @($existing | ForEach-Object { [long]$_.customer_id } | Sort-Object)
    }

    It 'campaigns 1 and 2 are queued for removal with their recordings' {
        foreach ($id in '00001', '00002') {
            $campaign = @($script:After.campaigns | Where-Object id -eq $id)
            $campaign.Count | Should -Be 1
            $campaign[0].queued | Should -BeTrue
            $campaign[0].delete_recordings | Should -BeTrue
        }
    }
}
