#Requires -Version 5.1
# Issue 10, parts 1 and 2: every bulk cmdlet reports progress (throttled, percent only with a known total, a final
# Completed record, nothing under SilentlyContinue) and ends with one typed run summary on the Information stream
# (tag ThuliumPS.RunSummary) whose numbers match the results and the sandbox's request log.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession -Demo
    $script:Manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
    $script:Tag = 'ThuliumPS.RunSummary'

    # Runs $Script in its own runspace (a [powershell] instance keeps the progress records the host would show),
    # with the module imported and a default connection to the sandbox that retries 429s; $Rows is $Rows there.
    function Invoke-Captured {
        param([Parameter(Mandatory)] [string] $Script, [object[]] $Rows = @(), [string] $Preference = 'Continue')
        $ps = [powershell]::Create()
        try {
            $prologue = 'param($Manifest, $Uri, $Credential, $Rows, $Preference) Import-Module $Manifest; ' +
                '$null = Connect-Thulium -BaseUri $Uri -Credential $Credential -AllowUnencryptedAuthentication -MaximumRetryCount 3 -RetryIntervalSec 0; ' +
                '$ProgressPreference = $Preference; '
            $null = $ps.AddScript($prologue + $Script).AddArgument($script:Manifest).AddArgument($script:Sandbox.ApiUri).
                AddArgument((New-TestCredential)).AddArgument($Rows).AddArgument($Preference)
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            # Collected as written, so what came before a terminating error is kept.
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $failure = $null
            try { $ps.Invoke($null, $output) } catch { $failure = $_ }
            [pscustomobject]@{
                Output      = @($output)
                Progress    = @($ps.Streams.Progress)
                Information = @($ps.Streams.Information | Where-Object { $_.Tags -contains $script:Tag })
                Verbose     = @($ps.Streams.Verbose)
                Errors      = @($ps.Streams.Error)
                Failure     = $failure
                Seconds     = $clock.Elapsed.TotalSeconds
            }
        }
        finally { $ps.Dispose() }
    }

    # The bulk requests the sandbox received (Connect-Thulium's credential check, a GET, is not one of them).
    function Get-BulkRequest { @(Get-ThuliumSandboxRequest -Sandbox $script:Sandbox | Where-Object method -NE 'GET') }

    function New-Row { param([int] $Count) foreach ($i in 1..$Count) { [pscustomobject]@{ surname = "S$i"; name = "N$i" } } }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Progress' {
    BeforeEach { Reset-ThuliumSandbox -Sandbox $script:Sandbox; Add-ThuliumSandboxDemoSeed -Sandbox $script:Sandbox }

    It 'names the operation, counts, and gives a percentage when an array is given by parameter' {
        $run = Invoke-Captured -Rows (New-Row 20) -Script 'New-ThuliumCustomer -InputObject $Rows'

        $run.Output.Count | Should -Be 20
        $run.Progress.Count | Should -BeGreaterOrEqual 2
        $run.Progress.Activity | Sort-Object -Unique | Should -Be 'Creating Thulium customers'
        $processing = @($run.Progress | Where-Object RecordType -EQ 'Processing')
        $processing.Count | Should -BeGreaterOrEqual 1
        foreach ($record in $processing) {
            $record.StatusDescription | Should -Match '^\d+ of 20 done: 0 failed, 0 unknown; \d+ rows/s$'
            $record.PercentComplete | Should -BeIn (0..100)
        }
        $last = $run.Progress[-1]
        $last.RecordType | Should -Be 'Completed'
        $last.StatusDescription | Should -Match '^20 of 20 done: 0 failed, 0 unknown; \d+ rows/s$'
        $last.PercentComplete | Should -Be 100
        @($run.Progress | Where-Object RecordType -EQ 'Completed').Count | Should -Be 1
    }

    It 'has counts only, no percentage and no time left, for piped input' {
        $run = Invoke-Captured -Rows (New-Row 20) -Script '$Rows | New-ThuliumCustomer'

        $run.Output.Count | Should -Be 20
        $run.Progress.Count | Should -BeGreaterOrEqual 2
        foreach ($record in $run.Progress) {
            $record.StatusDescription | Should -Match '^\d+ done: \d+ failed, \d+ unknown; \d+ rows/s$'
            $record.PercentComplete | Should -Be -1
            $record.SecondsRemaining | Should -Be -1
        }
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        $run.Progress[-1].StatusDescription | Should -Match '^20 done: '
    }

    It 'counts failures as they come' {
        $rows = @(New-Row 10) + @([pscustomobject]@{ surname = 'Bad'; vip = 'maybe' })
        $run = Invoke-Captured -Rows $rows -Script '$Rows | New-ThuliumCustomer' -Preference 'Continue'

        $run.Progress[-1].StatusDescription | Should -Match '^11 done: 1 failed, 0 unknown; '
    }

    It 'updates about four times a second at most, not once per row (2,000 rows)' {
        # One request at a time in batches of 10, so the run lasts long enough for the throttle to matter.
        $run = Invoke-Captured -Rows (New-Row 2000) -Script '$Rows | New-ThuliumCustomer -BatchSize 10 -ThrottleLimit 1'

        $run.Output.Count | Should -Be 2000
        $run.Progress.Count | Should -BeGreaterOrEqual 2
        $run.Progress.Count | Should -BeLessOrEqual ([math]::Ceiling($run.Seconds * 4) + 2)
        $run.Progress.Count | Should -BeLessThan 100
    }

    It 'writes nothing at all under $ProgressPreference = <Preference>' -TestCases @(
        @{ Preference = 'SilentlyContinue' }, @{ Preference = 'Ignore' }
    ) {
        param($Preference)
        $run = Invoke-Captured -Rows (New-Row 300) -Preference $Preference -Script '$Rows | New-ThuliumCustomer'

        $run.Output.Count | Should -Be 300
        $run.Progress.Count | Should -Be 0
        $run.Information.Count | Should -Be 1 # the summary does not depend on progress
    }

    It 'writes nothing with -ProgressAction SilentlyContinue' -Skip:($PSVersionTable.PSVersion -lt [version]'7.4') {
        $run = Invoke-Captured -Rows (New-Row 30) -Script '$Rows | New-ThuliumCustomer -ProgressAction SilentlyContinue'

        $run.Output.Count | Should -Be 30
        $run.Progress.Count | Should -Be 0
    }

    It 'writes the Completed record when -ErrorAction Stop ends the command' {
        $rows = @(New-Row 5) + @([pscustomobject]@{ surname = '' }) + @(New-Row 5)
        $run = Invoke-Captured -Rows $rows -Script '$Rows | New-ThuliumCustomer -ErrorAction Stop'

        $run.Failure | Should -Not -BeNullOrEmpty
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        @($run.Progress | Where-Object RecordType -EQ 'Completed').Count | Should -Be 1
    }
}

Describe 'Every bulk cmdlet: activity, percent with -WhatIf over a known total, and a summary' {
    It '<Command> reports "<Activity>"' -TestCases @(
        @{ Command = 'New-ThuliumCustomer'; Activity = 'Creating Thulium customers'; Script = 'New-ThuliumCustomer -InputObject @(@{ surname = "A" }, @{ surname = "B" }, @{ surname = "C" }) -WhatIf' }
        @{ Command = 'Remove-ThuliumCustomer'; Activity = 'Removing Thulium customers'; Script = 'Remove-ThuliumCustomer -Id 441, 442, 445 -WhatIf' }
        @{ Command = 'Remove-ThuliumCampaign'; Activity = 'Removing Thulium campaigns'; Script = 'Remove-ThuliumCampaign -Id 1, 2, 3 -WhatIf' }
        @{ Command = 'Remove-ThuliumCrmRecord'; Activity = 'Removing Thulium CRM records'; Script = 'Remove-ThuliumCrmRecord -CampaignId 1 -CustomerId 441, 442, 445 -WhatIf' }
        @{ Command = 'Add-ThuliumFieldGroupItem'; Activity = 'Adding Thulium field group items'; Script = 'Add-ThuliumFieldGroupItem -GroupId 2 -InputObject @(441, 442, 445 | ForEach-Object { @{ customer_id = $_; values = @(@{ field_id = 8; value = "1" }) } }) -WhatIf' }
    ) {
        param($Command, $Activity, $Script)
        Reset-ThuliumSandbox -Sandbox $script:Sandbox

        $run = Invoke-Captured -Script $Script

        $run.Output.Count | Should -Be 3
        $run.Output.Outcome | Sort-Object -Unique | Should -Be 'NotSent'
        $run.Progress.Activity | Sort-Object -Unique | Should -Be "$Activity (-WhatIf: nothing is sent)"
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        $run.Progress[-1].PercentComplete | Should -Be 100
        $run.Progress[-1].StatusDescription | Should -Match '^3 of 3 done: 0 failed, 0 unknown, 3 not sent; '

        $run.Information.Count | Should -Be 1
        $summary = $run.Information[0].MessageData
        $summary.Command | Should -Be $Command
        $summary.Total | Should -Be 3
        $summary.NotSent | Should -Be 3
        $summary.Succeeded + $summary.Failed + $summary.Unknown | Should -Be 0
        $summary.ByStatus['WhatIf'] | Should -Be 3
        $summary.RequestsSent | Should -Be 0
        @(Get-BulkRequest).Count | Should -Be 0
    }
}

Describe 'Run summary' {
    BeforeEach { Reset-ThuliumSandbox -Sandbox $script:Sandbox; Add-ThuliumSandboxDemoSeed -Sandbox $script:Sandbox }

    It 'matches the results and the sandbox log, with 2 x 429 retries and the Retry-After seconds waited' {
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; status = 429; retry_after = '1'; times = 2 })
        $rows = @(New-Row 245) + @([pscustomobject]@{ surname = 'Bad'; vip = 'maybe' }) + @(New-Row 4)

        $run = Invoke-Captured -Rows $rows -Script '$Rows | New-ThuliumCustomer'

        $run.Output.Count | Should -Be 250
        $run.Information.Count | Should -Be 1
        $record = $run.Information[0]
        $record.Tags | Should -Contain $script:Tag
        $record.Source | Should -Be 'New-ThuliumCustomer'
        $summary = $record.MessageData
        $summary.GetType().FullName | Should -Be 'ThuliumPS.Results.ThuliumRunSummary'

        $summary.Total | Should -Be 250
        $summary.Succeeded | Should -Be @($run.Output | Where-Object Outcome -EQ 'Succeeded').Count
        $summary.Failed | Should -Be @($run.Output | Where-Object Outcome -EQ 'Failed').Count
        $summary.Succeeded | Should -Be 249
        $summary.Failed | Should -Be 1
        $summary.Unknown + $summary.NotSent | Should -Be 0
        foreach ($group in $run.Output | Group-Object Status) {
            $summary.ByStatus[$group.Name] | Should -Be $group.Count
        }
        $summary.ByStatus.Count | Should -Be @($run.Output | Group-Object Status).Count

        $log = @(Get-BulkRequest)
        @($log | Where-Object status -EQ 429).Count | Should -Be 2
        $summary.RequestsSent | Should -Be $log.Count
        $summary.RequestsSent | Should -Be 5 # 3 batches of at most 100, 2 of them sent twice
        $summary.Retries | Should -Be 2
        $summary.RetryAfterWait | Should -BeGreaterOrEqual ([timespan]::FromSeconds(2))
        $summary.Elapsed | Should -BeGreaterThan ([timespan]::FromSeconds(1))
        $summary.RowsPerSecond | Should -BeGreaterThan 0
        $summary.EndedAt | Should -BeGreaterThan $summary.StartedAt
    }

    It 'is captured by -InformationVariable with the tag, and shows its numbers as text' {
        $null = New-ThuliumCustomer -InputObject @(New-Row 3) -InformationVariable captured

        $captured.Count | Should -Be 1
        $captured[0].Tags | Should -Contain $script:Tag
        $captured[0].MessageData | Should -BeOfType ([ThuliumPS.Results.ThuliumRunSummary])
        # -InformationAction Continue shows the record's text: the summary's ToString().
        [string]$captured[0] | Should -Match '^New-ThuliumCustomer: 3 items in [\d.]+ s \([\d.]+/s\): 3 succeeded, 0 failed, 0 unknown, 0 not sent \[Created 3\]; 1 request, 0 retries, 0 s waited on Retry-After\.$'
    }

    It 'is shown by -InformationAction Continue and by -Verbose as one line with the same numbers' {
        $shown = New-ThuliumCustomer -InputObject @(New-Row 2) -InformationAction Continue -InformationVariable captured -Verbose 6>&1 4>&1
        $information = @($shown | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $verbose = @($shown | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

        $information.Count | Should -Be 1
        $verbose[-1].Message | Should -Be ([string]$captured[0].MessageData)
    }

    It 'is written before the error that ends the command under -ErrorAction Stop' {
        $rows = @(New-Row 5) + @([pscustomobject]@{ surname = '' }) + @(New-Row 5)
        $run = Invoke-Captured -Rows $rows -Script '$Rows | New-ThuliumCustomer -ErrorAction Stop'

        $run.Failure | Should -Not -BeNullOrEmpty
        $run.Information.Count | Should -Be 1
        $summary = $run.Information[0].MessageData
        $summary.Total | Should -Be $run.Output.Count
        $summary.Failed | Should -Be 1
        $summary.Succeeded | Should -Be @($run.Output | Where-Object Outcome -EQ 'Succeeded').Count
        $summary.RequestsSent | Should -Be @(Get-BulkRequest).Count
    }

    It 'has a list view in the format file' {
        $view = Get-FormatData -TypeName 'ThuliumPS.Results.ThuliumRunSummary'
        $view | Should -Not -BeNullOrEmpty
        $view.FormatViewDefinition[0].Control.GetType().Name | Should -Be 'ListControl'

        $null = Remove-ThuliumCustomer -Id 441, 999 -Force -InformationVariable captured -ErrorAction SilentlyContinue
        $text = $captured[0].MessageData | Out-String
        $text | Should -Match 'RequestsSent\s+: 1'
        $text | Should -Match 'ByStatus\s+: \S+ 1, \S+ 1'
    }
}

Describe 'Counts in the summary and verbose lines' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'says "1 item", "1 request", "1 attempt" and "2 entries", never "1 items" or "entr(ies)"' {
        $journal = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-summary-' + [guid]::NewGuid().ToString('N') + '.jsonl')
        try {
            $null = New-ThuliumCustomer -Surname 'One' -Confirm:$false -JournalPath $journal
            $verbose = @(New-ThuliumCustomer -Surname 'Two' -Confirm:$false -JournalPath $journal -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        }
        finally {
            Remove-Item -LiteralPath $journal, "$journal.lock" -ErrorAction SilentlyContinue
        }
        $text = $verbose -join "`n"
        $text | Should -Match 'New-ThuliumCustomer: 1 item in [\d.]+ s .*; 1 request, 0 retries,'
        $text | Should -Match '\b2 entries read'   # one item: sent, then answered
        $text | Should -Match '\(1 item\): HTTP 200 .* after 1 attempt\.'
        $text | Should -Not -Match '\(s\)|\(ies\)|\b1 (items|requests|entries|attempts)\b'
    }
}
