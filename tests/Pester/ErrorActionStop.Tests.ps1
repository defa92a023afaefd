#Requires -Version 5.1
# -ErrorAction Stop on the bulk cmdlets: no request goes out once a failure is known, and every item that was sent
# gets its result before the failure's error stops the command — so "run the rest again" never duplicates anything.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    # 250 rows; the row at $BadIndex is bad in the way $Kind says (refused here, or refused by the server).
    function New-CustomerRow {
        param([int] $BadIndex, [ValidateSet('Local', 'Server')] [string] $Kind)
        foreach ($i in 0..249) {
            $row = [pscustomobject]@{ name = "N$i"; surname = "S$i"; phone_number = '500' + $i }
            if ($i -eq $BadIndex) {
                if ($Kind -eq 'Local') { $row.surname = '' } else { $row.phone_number = 'abc' }
            }
            $row
        }
    }

    # Runs a pipeline, collecting what reaches the next command even when the command ends with an error.
    function Invoke-Collecting {
        param([scriptblock] $Pipeline)
        $collected = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try { & $Pipeline | ForEach-Object { $collected.Add($_) } }
        catch { $caught = $_ }
        [pscustomobject]@{ Results = $collected.ToArray(); Error = $caught }
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'New-ThuliumCustomer -ErrorAction Stop' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'a row refused locally (<BatchSize> per request): nothing is sent after it, every sent row has its result, then the error stops the command' -ForEach @(
        @{ BatchSize = 100 }
        @{ BatchSize = 7 }
    ) {
        $run = Invoke-Collecting { New-CustomerRow -BadIndex 149 -Kind Local | New-ThuliumCustomer -BatchSize $BatchSize -ErrorAction Stop }

        $run.Error | Should -Not -BeNullOrEmpty
        $run.Error.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        [string]$run.Error.TargetObject.name | Should -Be 'N149'

        $results = $run.Results
        @($results | ForEach-Object InputIndex) | Should -Be @(0..149)
        $created = @((Get-ThuliumSandboxState).customers).Count
        @($results | Where-Object Succeeded).Count | Should -Be $created
        (Get-SentItemCount) | Should -Be $created
        # Nothing after the bad row was created, and whatever was not sent says so.
        @((Get-ThuliumSandboxState).customers | Where-Object { [int]$_.name.Substring(1) -ge 149 }).Count | Should -Be 0
        @($results | Where-Object { -not $_.Succeeded -and $_.InputIndex -ne 149 } | ForEach-Object Status | Select-Object -Unique) |
            Should -BeIn @('StoppedAtFailure')
        $results[149].Outcome | Should -Be 'Failed'
    }

    It 'a row refused by the server: no request after the answer is known; rows in flight still get their results' {
        $run = Invoke-Collecting { New-CustomerRow -BadIndex 30 -Kind Server | New-ThuliumCustomer -BatchSize 10 -ThrottleLimit 2 -ErrorAction Stop }

        $run.Error.FullyQualifiedErrorId | Should -BeLike 'ThuliumItemRejected*'
        [string]$run.Error.TargetObject.name | Should -Be 'N30'
        $results = $run.Results
        @($results | ForEach-Object InputIndex) | Should -Be @(0..($results.Count - 1))
        $state = Get-ThuliumSandboxState
        # Every row that reached the server has a result that says what happened to it.
        (Get-SentItemCount) | Should -Be @($results | Where-Object { $_.Outcome -in 'Succeeded', 'Failed' }).Count
        @($results | Where-Object Succeeded).Count | Should -Be @($state.customers).Count
        @($results | Where-Object Outcome -eq 'Failed').Count | Should -Be 1
        # The command stopped sending: without -ErrorAction Stop all 250 rows go out. How many batches were already
        # on their way when row 30's answer came back depends on timing (answers to two requests in flight can come
        # back in either order), so the bound leaves room for a few.
        (Get-SentItemCount) | Should -BeLessOrEqual 120
        # Rows held back when the answer came say why. There may be none: when the answer arrives just after a batch
        # was sent and before the next row is read, every row read so far was sent (and the rest are never read).
        @($results | Where-Object { $_.Outcome -eq 'NotSent' -and $_.Status -ne 'StoppedAtFailure' }) | Should -BeNullOrEmpty
    }

    It 'a failure in the last batch (sent at the end of the input) still gives every row of that batch its result' {
        # Rows 100-149 are sent together when the input ends; row 120 is refused by the server.
        $rows = @(New-CustomerRow -BadIndex 120 -Kind Server)[0..149]
        $run = Invoke-Collecting { $rows | New-ThuliumCustomer -ErrorAction Stop }

        $run.Error.FullyQualifiedErrorId | Should -BeLike 'ThuliumItemRejected*'
        @($run.Results | ForEach-Object InputIndex) | Should -Be @(0..149)
        @($run.Results | Where-Object Succeeded).Count | Should -Be 149
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 149
    }

    It 're-running only the rows that were not created creates each customer exactly once' {
        $rows = @(New-CustomerRow -BadIndex 149 -Kind Local)
        $run = Invoke-Collecting { $rows | New-ThuliumCustomer -ErrorAction Stop }
        $done = @($run.Results | Where-Object Succeeded | ForEach-Object InputIndex)
        $rows[149].surname = 'Fixed'
        $rest = @(for ($i = 0; $i -lt $rows.Count; $i++) { if ($done -notcontains $i) { $rows[$i] } })

        $again = @($rest | New-ThuliumCustomer -ErrorAction Stop)

        @($again | Where-Object Succeeded).Count | Should -Be $rest.Count
        $names = @((Get-ThuliumSandboxState).customers | ForEach-Object name)
        $names.Count | Should -Be 250
        @($names | Select-Object -Unique).Count | Should -Be 250
    }

    It 'without -ErrorAction Stop every row is sent and only the bad one fails' {
        $results = @(New-CustomerRow -BadIndex 149 -Kind Local | New-ThuliumCustomer -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 250
        @($results | Where-Object Succeeded).Count | Should -Be 249
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 249
    }

    It 'an array given by parameter: every item gets a result, those after the failure NotSent; no request leaves once the failure is known' {
        # The failing request is slow, the next ones fast: before, the next batch could leave in the moment between
        # the slot being freed and the failure being recorded; and the items of the array after the stop got nothing.
        Set-ThuliumSandboxFault -Rule @(
            @{ method = 'POST'; path = '/api/batch/customers'; times = 1; status = 500; delay_ms = 700 }
            @{ method = 'POST'; path = '/api/batch/customers'; times = 3; delay_ms = 50 }
        )
        $rows = @(0..39 | ForEach-Object { [pscustomobject]@{ surname = "A$_" } })
        $run = Invoke-Collecting { New-ThuliumCustomer -InputObject $rows -BatchSize 5 -ThrottleLimit 1 -ErrorAction Stop }

        $run.Error.FullyQualifiedErrorId | Should -BeLike 'ThuliumServerError*'
        @($run.Results).Count | Should -Be 40
        @($run.Results | ForEach-Object InputIndex) | Should -Be @(0..39)
        @($run.Results | Where-Object Outcome -EQ 'NotSent').Count | Should -Be 35
        @(Get-ThuliumSandboxRequest | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It '$ErrorActionPreference = ''Stop'' counts like -ErrorAction Stop' {
        $run = Invoke-Collecting {
            $ErrorActionPreference = 'Stop'
            New-CustomerRow -BadIndex 149 -Kind Local | New-ThuliumCustomer
        }
        $run.Error.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        @($run.Results).Count | Should -Be 150
        @((Get-ThuliumSandboxState).customers | Where-Object { [int]$_.name.Substring(1) -ge 149 }).Count | Should -Be 0
    }
}

Describe 'Remove-ThuliumCustomer -ErrorAction Stop' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer @(1..250 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })
    }

    It 'an invalid id stops the deletes at that point; every id sent has its result' {
        $ids = @(1..250 | ForEach-Object { if ($_ -eq 150) { 'x' } else { $_ } })
        $run = Invoke-Collecting { $ids | Remove-ThuliumCustomer -Force -ErrorAction Stop }

        $run.Error.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $results = $run.Results
        @($results | ForEach-Object InputIndex) | Should -Be @(0..149)
        $left = @((Get-ThuliumSandboxState).customers | ForEach-Object customer_id)
        @($results | Where-Object Succeeded).Count | Should -Be (250 - $left.Count)
        @($left | Where-Object { $_ -ge 150 }).Count | Should -Be 101   # 150..250: none after the bad id was deleted
    }
}
