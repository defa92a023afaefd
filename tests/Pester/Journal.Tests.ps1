#Requires -Version 5.1
# -JournalPath / -KeyProperty / -RetryUnknown against the sandbox: a re-run sends nothing the journal says is done
# (checked in the sandbox's request log), sends failed items again, holds Unknown creates unless -RetryUnknown,
# resends deletes; a row without its key is refused; -WhatIf writes no journal. And the crash test: a child pwsh is
# killed (SIGKILL / TerminateProcess) in the middle of a slow import, the same command is run again with the same
# journal, and every row's customer exists exactly once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    function Get-PostCount {
        @(Get-ThuliumSandboxRequest | Where-Object { $_.method -eq 'POST' }).Count
    }

    function Get-IdentifierCount {
        param([string] $Identifier)
        @((Get-ThuliumSandboxState).customers | Where-Object { $_.identifier -ceq $Identifier }).Count
    }

    # A journal line as an earlier run would have written it (for states a test cannot easily produce live).
    function Add-JournalLine {
        param([string] $Path, [string] $Command, [string] $KeyBy, [string] $Key, [string] $Event)
        $line = [ordered]@{ v = 1; time = '2026-05-01T12:00:00+00:00'; command = $Command; key_by = $KeyBy; key = $Key; event = $Event } |
            ConvertTo-Json -Compress
        [System.IO.File]::AppendAllText($Path, $line + "`n")
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'New-ThuliumCustomer -JournalPath' {
    BeforeEach {
        Reset-ThuliumSandbox
        $script:Journal = Join-Path $TestDrive ('j-{0}.jsonl' -f [guid]::NewGuid().ToString('N'))
        $script:Csv = Write-TestCsv -Path (Join-Path $TestDrive 'customers.csv') -Line @(
            'surname,name,identifier,phone_number'
            'One,Ann,ID-1,111222333'
            'Two,Bob,ID-2,not-a-number'
            'Three,Cy,ID-3,'
            ',Nobody,ID-4,'
        )
    }

    It 'a second run sends nothing for the done rows: Succeeded, Status AlreadyDone, ids from the journal; the failed row is sent again' {
        $first = @(Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $script:Journal -ErrorVariable firstErrors -ErrorAction SilentlyContinue)
        @($first | ForEach-Object { '{0}/{1}' -f $_.Outcome, $_.Status }) | Should -Be @('Succeeded/Created', 'Failed/Rejected', 'Succeeded/Created', 'Failed/InvalidInput')
        $postsBefore = Get-PostCount

        $second = @(Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $script:Journal -ErrorVariable secondErrors -ErrorAction SilentlyContinue)
        $second.Count | Should -Be 4
        @($second | ForEach-Object { '{0}/{1}' -f $_.Outcome, $_.Status }) | Should -Be @('Succeeded/AlreadyDone', 'Failed/Rejected', 'Succeeded/AlreadyDone', 'Failed/InvalidInput')
        $second[0].CustomerId | Should -Be $first[0].CustomerId
        $second[2].CustomerId | Should -Be $first[2].CustomerId
        $second[0].Message | Should -Match ([regex]::Escape($script:Journal))
        # Only the rejected row went out again; the invalid one was refused locally as before.
        $requests = @(Get-ThuliumSandboxRequest | Select-Object -Skip $postsBefore | Where-Object { $_.method -eq 'POST' })
        $requests.Count | Should -Be 1
        $requests[0].items | Should -Be 1
        # Done rows are not failures: only the two failed rows wrote errors, as in the first run.
        $secondErrors.Count | Should -Be 2
        (Get-IdentifierCount 'ID-1') | Should -Be 1
        (Get-IdentifierCount 'ID-3') | Should -Be 1
    }

    It 'writes one sent and one outcome entry per sent row, no entry for a row refused locally, and no credential' {
        $null = Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $script:Journal -ErrorAction SilentlyContinue
        $entries = @(Get-Content -LiteralPath $script:Journal | ForEach-Object { $_ | ConvertFrom-Json })
        @($entries | Where-Object event -EQ 'sent').Count | Should -Be 3
        @($entries | Where-Object event -EQ 'outcome').Count | Should -Be 3
        @($entries | Where-Object { $_.outcome -eq 'Succeeded' } | ForEach-Object { $_.ids.customer_id }).Count | Should -Be 2
        $text = Get-Content -LiteralPath $script:Journal -Raw
        $text | Should -Not -Match 'api_pass|api_user|Authorization|Basic '
        $text | Should -Not -Match ([regex]::Escape($script:Sandbox.ApiUri))
    }

    It 'an Unknown create (answer lost) is not resent; -RetryUnknown sends it' {
        Set-ThuliumSandboxFault -Rule @(@{ method = 'POST'; drop = 'after'; times = 1 })
        $first = @([pscustomobject]@{ surname = 'Lost'; identifier = 'L-1' } | New-ThuliumCustomer -JournalPath $script:Journal -ErrorAction SilentlyContinue)
        $first[0].Outcome | Should -Be 'Unknown'
        $posts = Get-PostCount

        $again = @([pscustomobject]@{ surname = 'Lost'; identifier = 'L-1' } | New-ThuliumCustomer -JournalPath $script:Journal -ErrorVariable heldErrors -ErrorAction SilentlyContinue)
        $again[0].Outcome | Should -Be 'Unknown'
        $again[0].Message | Should -Match 'answer was lost'
        $again[0].Message | Should -Match '-RetryUnknown'
        $heldErrors[0].FullyQualifiedErrorId | Should -Match '^ThuliumOutcomeUnknown'
        Get-PostCount | Should -Be $posts

        # The sandbox did create it (the drop came after): a resend is what makes a duplicate, hence the switch.
        $retried = @([pscustomobject]@{ surname = 'Lost'; identifier = 'L-1' } | New-ThuliumCustomer -JournalPath $script:Journal -RetryUnknown)
        $retried[0].Status | Should -Be 'Created'
        Get-PostCount | Should -Be ($posts + 1)
    }

    It 'a row whose last entry is sent (a run that died) is Unknown for a create, and is resent for a delete' {
        $key = 'K-1'
        Add-JournalLine -Path $script:Journal -Command 'New-ThuliumCustomer' -KeyBy 'property:identifier' -Key $key -Event 'sent'
        $held = @([pscustomobject]@{ surname = 'Held'; identifier = $key } | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier -ErrorAction SilentlyContinue)
        $held[0].Outcome | Should -Be 'Unknown'
        $held[0].Message | Should -Match 'ended before the answer came'
        Get-PostCount | Should -Be 0

        Add-ThuliumSandboxDemoSeed
        Add-JournalLine -Path $script:Journal -Command 'Remove-ThuliumCustomer' -KeyBy 'id' -Key '441' -Event 'sent'
        $removed = @(441 | Remove-ThuliumCustomer -Force -JournalPath $script:Journal)
        $removed[0].Outcome | Should -Be 'Succeeded'
        $removed[0].Status | Should -Not -Be 'AlreadyDone'
        @(Get-ThuliumSandboxRequest | Where-Object { $_.method -eq 'DELETE' }).Count | Should -Be 1
    }

    It '-KeyProperty: the key is the column (by the one name rule); a row without it is refused, naming the property' {
        $rows = @(
            [pscustomobject]@{ Surname = 'A'; Identifier = 'P-1' }
            [pscustomobject]@{ Surname = 'B'; Identifier = '' }
            [pscustomobject]@{ Surname = 'C' }
        )
        $first = @($rows | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier -ErrorVariable keyErrors -ErrorAction SilentlyContinue)
        @($first | ForEach-Object Status) | Should -Be @('Created', 'InvalidInput', 'InvalidInput')
        $first[1].Message | Should -Match "-KeyProperty 'identifier'.*empty"
        $first[2].Message | Should -Match "-KeyProperty 'identifier'.*no such column"
        $keyErrors.Count | Should -Be 2
        # Changed values, same key: still done.
        $again = @([pscustomobject]@{ surname = 'A-renamed'; identifier = 'P-1' } | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier)
        $again[0].Status | Should -Be 'AlreadyDone'
        $again[0].CustomerId | Should -Be $first[0].CustomerId
        # Another kind of key on the same journal is refused outright: it would match nothing and resend everything.
        { [pscustomobject]@{ surname = 'A'; identifier = 'P-1' } | New-ThuliumCustomer -JournalPath $script:Journal -ErrorAction Stop } |
            Should -Throw -ErrorId 'ThuliumJournalUnavailable,ThuliumPS.Commands.NewThuliumCustomerCommand'
    }

    It '-WhatIf reports done rows as done and writes no journal; -KeyProperty without -JournalPath is refused' {
        $null = Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $script:Journal -ErrorAction SilentlyContinue
        $before = Get-Content -LiteralPath $script:Journal -Raw
        $rehearsal = @(Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $script:Journal -WhatIf -ErrorAction SilentlyContinue)
        @($rehearsal | ForEach-Object Status) | Should -Be @('AlreadyDone', 'WhatIf', 'AlreadyDone', 'InvalidInput')
        Get-Content -LiteralPath $script:Journal -Raw | Should -Be $before
        $absent = Join-Path $TestDrive 'never.jsonl'
        $null = Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $absent -WhatIf -ErrorAction SilentlyContinue
        Test-Path -LiteralPath $absent | Should -BeFalse
        { Import-Csv $script:Csv | New-ThuliumCustomer -KeyProperty identifier -WhatIf } | Should -Throw -ErrorId 'ThuliumJournalUnavailable*'
    }

    It 'a second row with the key of a row this run sends is refused, naming the first; a re-run creates nothing twice' {
        $rows = @(
            [pscustomobject]@{ surname = 'E1'; identifier = 'DUP-1' }
            [pscustomobject]@{ surname = 'E2'; identifier = 'DUP-1'; phone_number = 'abc' }
        )
        $first = @($rows | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier -ErrorVariable dupErrors -ErrorAction SilentlyContinue)
        @($first | ForEach-Object { '{0}/{1}' -f $_.Outcome, $_.Status }) | Should -Be @('Succeeded/Created', 'Failed/InvalidInput')
        $first[1].Message | Should -Match "InputIndex 0 has the same journal key \(identifier 'DUP-1'\)"
        $dupErrors.Count | Should -Be 1
        # Before, the refused twin's failure became the key's last entry and the re-run created E1 a second time.
        $second = @($rows | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier -ErrorAction SilentlyContinue)
        $second[0].Status | Should -Be 'AlreadyDone'
        (Get-IdentifierCount 'DUP-1') | Should -Be 1
    }

    It 'a pipeline stopped downstream still journals every answer that came back: the re-run finds the whole first batch done' {
        $rows = @(1..20 | ForEach-Object { [pscustomobject]@{ surname = "F$_"; identifier = "F-$_" } })
        $null = $rows | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier -BatchSize 5 | Select-Object -First 1
        $created = @((Get-ThuliumSandboxState).customers).Count
        $created | Should -BeGreaterOrEqual 5

        $rerun = @($rows | New-ThuliumCustomer -JournalPath $script:Journal -KeyProperty identifier -BatchSize 5 -ErrorAction SilentlyContinue)
        # Only the first result was written before Select-Object stopped the pipeline; its four batch mates were
        # answered too, and were left Unknown (not sent) by a journal that recorded only what was written.
        @($rerun[0..4] | ForEach-Object Status) | Should -Be (@('AlreadyDone') * 5)
        @($rerun | Where-Object Status -EQ 'AlreadyDone').Count | Should -BeGreaterOrEqual 5
        @($rerun | Where-Object Outcome -EQ 'Failed').Count | Should -Be 0
        @((Get-ThuliumSandboxState).customers | Group-Object identifier | Where-Object Count -GT 1).Count | Should -Be 0
    }

    It 'refuses a file that is no journal (a CSV given to -JournalPath by mistake), leaves it untouched and sends nothing' {
        $before = Get-Content -LiteralPath $script:Csv -Raw
        { Import-Csv $script:Csv | New-ThuliumCustomer -JournalPath $script:Csv -ErrorAction Stop } |
            Should -Throw -ErrorId 'ThuliumJournalUnavailable,ThuliumPS.Commands.NewThuliumCustomerCommand' -ExpectedMessage '*is not a ThuliumPS journal*'
        Get-Content -LiteralPath $script:Csv -Raw | Should -Be $before
        Test-Path -LiteralPath "$($script:Csv).lock" | Should -BeFalse
        Get-PostCount | Should -Be 0
    }

    It 'a torn last line is skipped with a verbose note' {
        $null = [pscustomobject]@{ surname = 'T'; identifier = 'T-1' } | New-ThuliumCustomer -JournalPath $script:Journal
        [System.IO.File]::AppendAllText($script:Journal, '{"v":1,"time":"2026-05-01T12:0')
        $verbose = @([pscustomobject]@{ surname = 'T'; identifier = 'T-1' } | New-ThuliumCustomer -JournalPath $script:Journal -Verbose 4>&1)
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'torn' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })[0].Status | Should -Be 'AlreadyDone'
    }
}

Describe 'A run killed in the middle, run again with the same journal' {
    BeforeAll {
        # A sandbox of its own, slow enough that the kill lands while requests are in flight: a little latency before
        # each request, and each POST's answer held back for a while AFTER the customers were created (delay_after_ms,
        # which the client's death does not cut short) — what a real server does with a request it is processing.
        $script:Slow = Start-ThuliumSandbox -LatencyMs 20
        Set-ThuliumSandboxFault -Sandbox $script:Slow -Rule @(@{ method = 'POST'; delay_after_ms = 500; times = 100000 })
        $script:Rows = 120
        $script:SlowCsv = Join-Path $TestDrive 'slow.csv'
        $lines = @('surname,name,identifier') + @(1..$script:Rows | ForEach-Object { 'S{0},N{0},ID-{0:D4}' -f $_ })
        $null = Write-TestCsv -Path $script:SlowCsv -Line $lines
        $script:Child = Join-Path $TestDrive 'import.ps1'
        $manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
        Set-Content -LiteralPath $script:Child -Value @(
            'param([string] $Journal)'
            "Import-Module '$manifest'"
            "Import-Csv '$($script:SlowCsv)' | New-ThuliumCustomer -JournalPath `$Journal -KeyProperty identifier -BatchSize 5 -ThrottleLimit 2 | Out-Null"
        )

        # Runs the import in a child pwsh and kills it (SIGKILL / TerminateProcess: no cleanup runs) once at least 20
        # answers are journaled; returns when the requests it left in flight have finished at the server.
        function Stop-ImportMidway {
            param([string] $Journal)
            $names = 'THULIUM_BASE_URI', 'THULIUM_API_USER', 'THULIUM_API_PASSWORD', 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION'
            $saved = @{}
            foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
            try {
                # The connection for the child only, from the THULIUM_* variables.
                [Environment]::SetEnvironmentVariable('THULIUM_BASE_URI', $script:Slow.ApiUri)
                [Environment]::SetEnvironmentVariable('THULIUM_API_USER', 'api_user')
                [Environment]::SetEnvironmentVariable('THULIUM_API_PASSWORD', 'api_pass')
                [Environment]::SetEnvironmentVariable('THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION', 'true')
                $exe = (Get-Process -Id $PID).Path
                $child = Start-Process -FilePath $exe -ArgumentList '-NoProfile', '-NonInteractive', '-File', "`"$($script:Child)`"", '-Journal', "`"$Journal`"" -PassThru
            }
            finally {
                foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
            }

            # Wait until some batches are answered and recorded, then kill without warning.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            $outcomes = 0
            while ([DateTime]::UtcNow -lt $deadline -and -not $child.HasExited) {
                if (Test-Path -LiteralPath $Journal) {
                    $outcomes = @(Get-Content -LiteralPath $Journal | Where-Object { $_ -match '"event":"outcome"' }).Count
                    if ($outcomes -ge 20) { break }
                }
                Start-Sleep -Milliseconds 100
            }
            $child.HasExited | Should -BeFalse -Because 'the kill must land in the middle of the run'
            Stop-Process -Id $child.Id -Force
            $child.WaitForExit(10000) | Should -BeTrue
            $outcomes | Should -BeGreaterOrEqual 20
            # The requests the dead process left in flight still finish at the server (and enter its log) once their
            # held answer times out (500 ms): let them, so the counts that follow see only the re-run. Waited for until
            # the log has not grown for a second (at most 15 s), not for a fixed time that a loaded machine can outlast.
            $logged = -1
            $stableUntil = [DateTime]::UtcNow.AddSeconds(15)
            while ([DateTime]::UtcNow -lt $stableUntil) {
                Start-Sleep -Milliseconds 1000
                $now = @(Get-ThuliumSandboxRequest -Sandbox $script:Slow).Count
                if ($now -eq $logged) { break }
                $logged = $now
            }
        }
    }

    AfterAll {
        Stop-ThuliumSandbox -Sandbox $script:Slow
    }

    It 'every row is created exactly once: done rows are skipped, in-flight rows are Unknown and resolved by checking the server' {
        $script:SlowJournal = Join-Path $TestDrive 'slow.jsonl'
        Stop-ImportMidway -Journal $script:SlowJournal

        $created = @((Get-ThuliumSandboxState -Sandbox $script:Slow).customers).Count
        $created | Should -BeLessThan $script:Rows
        $postsBefore = @(Get-ThuliumSandboxRequest -Sandbox $script:Slow | Where-Object { $_.method -eq 'POST' }).Count

        # The same command, the same journal, this time to the end (in this process, connected to the slow sandbox).
        $connection = Connect-Thulium -BaseUri $script:Slow.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -MaximumRetryCount 0 -PassThru
        $rerun = @(Import-Csv $script:SlowCsv | New-ThuliumCustomer -Connection $connection -JournalPath $script:SlowJournal -KeyProperty identifier -BatchSize 5 -ThrottleLimit 2 -ErrorAction SilentlyContinue)
        $rerun.Count | Should -Be $script:Rows
        $done = @($rerun | Where-Object Status -EQ 'AlreadyDone')
        $unknown = @($rerun | Where-Object Outcome -EQ 'Unknown')
        $done.Count | Should -BeGreaterOrEqual 20
        # The rows of the batches in flight at the kill: their 'sent' entries have no outcome, so they are Unknown and
        # not sent — and the server did create (some of) them, which a blind resend would have duplicated.
        $unknown.Count | Should -BeGreaterOrEqual 1
        $existingAtRerun = @((Get-ThuliumSandboxState -Sandbox $script:Slow).customers | ForEach-Object { $_.identifier })
        @($unknown | Where-Object { $existingAtRerun -contains $_.InputObject.identifier }).Count | Should -BeGreaterOrEqual 1
        @($rerun | Where-Object Outcome -EQ 'Failed').Count | Should -Be 0
        # The done rows went out in no request of the re-run: only the rest did.
        $sentAgain = @(Get-ThuliumSandboxRequest -Sandbox $script:Slow | Select-Object -Skip $postsBefore | Where-Object { $_.method -eq 'POST' } | ForEach-Object { [int]$_.items })
        ($sentAgain | Measure-Object -Sum).Sum | Should -Be ($script:Rows - $done.Count - $unknown.Count)

        # Unknown rows (sent when the process died): resolved BY CHECKING the server, not by a blind -RetryUnknown —
        # a row whose customer exists is done; only the others are sent again, with -RetryUnknown.
        $existing = @((Get-ThuliumSandboxState -Sandbox $script:Slow).customers | ForEach-Object { $_.identifier })
        $missing = @($unknown | Where-Object { $existing -notcontains $_.InputObject.identifier } | ForEach-Object InputObject)
        if ($missing.Count -gt 0) {
            $resolved = @($missing | New-ThuliumCustomer -Connection $connection -JournalPath $script:SlowJournal -KeyProperty identifier -RetryUnknown)
            @($resolved | Where-Object Status -NE 'Created').Count | Should -Be 0
        }

        $state = @((Get-ThuliumSandboxState -Sandbox $script:Slow).customers)
        $byIdentifier = $state | Group-Object identifier
        $byIdentifier.Count | Should -Be $script:Rows
        @($byIdentifier | Where-Object Count -NE 1 | ForEach-Object Name) | Should -BeNullOrEmpty
        $state.Count | Should -Be $script:Rows
    }

    It '-ResolveUnknown on the re-run checks the rows the killed run left in flight: found is done, missing is sent once; -RetryUnknown does not make it resend blindly' {
        Reset-ThuliumSandbox -Sandbox $script:Slow
        Set-ThuliumSandboxFault -Sandbox $script:Slow -Rule @(@{ method = 'POST'; delay_after_ms = 500; times = 100000 })
        $journal = Join-Path $TestDrive 'resolve.jsonl'
        Stop-ImportMidway -Journal $journal
        $existing = @((Get-ThuliumSandboxState -Sandbox $script:Slow).customers | ForEach-Object identifier)

        $connection = Connect-Thulium -BaseUri $script:Slow.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -MaximumRetryCount 0 -PassThru
        $rerun = @(Import-Csv $script:SlowCsv | New-ThuliumCustomer -Connection $connection -JournalPath $journal -KeyProperty identifier -BatchSize 5 -ThrottleLimit 2 -ResolveUnknown -RetryUnknown -ErrorAction SilentlyContinue)
        $rerun.Count | Should -Be $script:Rows
        @($rerun | Where-Object Outcome -NE 'Succeeded' | ForEach-Object { '{0}: {1}' -f $_.InputIndex, $_.Message }) | Should -BeNullOrEmpty
        # The rows in flight at the kill that the server had created were found, not sent again (before, with no row
        # sent yet in the re-run, they stayed Unknown, and -RetryUnknown resent them: duplicates).
        $found = @($rerun | Where-Object Message -Match 'exists, so it was created once')
        $found.Count | Should -BeGreaterOrEqual 1
        @($found | Where-Object { $existing -notcontains $_.InputObject.identifier }) | Should -BeNullOrEmpty

        $state = @((Get-ThuliumSandboxState -Sandbox $script:Slow).customers)
        @($state | Group-Object identifier | Where-Object Count -NE 1 | ForEach-Object Name) | Should -BeNullOrEmpty
        $state.Count | Should -Be $script:Rows
        # The resolutions are journaled: a third run finds every row done and sends nothing.
        $third = @(Import-Csv $script:SlowCsv | New-ThuliumCustomer -Connection $connection -JournalPath $journal -KeyProperty identifier)
        @($third | Where-Object Status -NE 'AlreadyDone').Count | Should -Be 0
    }
}
