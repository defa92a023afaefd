#Requires -Version 5.1
# Issue 4 at the cmdlet level: Ctrl+C (StopProcessing) cancels within a second and nothing is sent afterwards;
# no secret reaches any stream; a 10,000-row CSV with 1% bad rows fails exactly the bad rows.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS
    $script:Password = 'Zx9!secret-PASS-42'
    $script:Sandbox = Start-ThuliumSandbox -Demo -Password $script:Password
    $script:SavedEnv = Clear-ThuliumEnvironment
    $script:Credential = New-TestCredential -Password $script:Password
    $null = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential $script:Credential -AllowUnencryptedAuthentication -MaximumRetryCount 1 -RetryIntervalSec 0
}

AfterAll {
    if (Get-Command Disconnect-Thulium -ErrorAction SilentlyContinue) { Disconnect-Thulium }
    if ($script:SavedEnv) { Restore-ThuliumEnvironment $script:SavedEnv }
    Stop-ThuliumSandbox -Sandbox $script:Sandbox
}

Describe 'Cancellation (Ctrl+C)' {
    BeforeEach { Reset-ThuliumSandbox -Sandbox $script:Sandbox }

    It 'stops an in-flight request within a second and sends nothing after the command returns' {
        # The first four batches (the requests -ThrottleLimit 4 keeps in flight) hang for 10 s; a later one would be
        # answered, and so logged, at once: a request sent after the stop shows in the log within the wait below.
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; delay_ms = 10000; times = 4 })
        $manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($Manifest, $Uri, $Credential)
            Import-Module $Manifest
            1..500 | ForEach-Object { [pscustomobject]@{ surname = "S$_" } } |
                New-ThuliumCustomer -BatchSize 10 -Connection (Connect-Thulium -BaseUri $Uri -Credential $Credential -AllowUnencryptedAuthentication -PassThru)
        }).AddArgument($manifest).AddArgument($script:Sandbox.ApiUri).AddArgument($script:Credential)
        $async = $ps.BeginInvoke()
        Start-Sleep -Seconds 2
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Stop()
        $null = $async.AsyncWaitHandle.WaitOne(5000)

        # The sandbox logs a request when it ends: the four cut off appear as the server notices each abort (under
        # load, after the command has returned), so wait for them before looking for anything sent later.
        $posts = { @(Get-ThuliumSandboxRequest -Sandbox $script:Sandbox | Where-Object { $_.method -eq 'POST' -and $_.target -like '/api/batch/customers*' }) }
        $deadline = [DateTime]::UtcNow.AddSeconds(8)
        while ((& $posts).Count -lt 4 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Start-Sleep -Seconds 2

        $clock.Elapsed.TotalSeconds | Should -BeLessThan 1.5
        (& $posts).Count | Should -Be 4
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
}

Describe 'Secrets' {
    BeforeEach { Reset-ThuliumSandbox -Sandbox $script:Sandbox; Add-ThuliumSandboxDemoSeed -Sandbox $script:Sandbox }

    It 'never shows the password or its Basic form in any stream of any cmdlet' {
        $base64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('api_user:' + $script:Password))
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @(@{ method = 'DELETE'; status = 503; retry_after = '0' })
        $everything = & {
            Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential $script:Credential -AllowUnencryptedAuthentication -PassThru -Verbose -Debug
            Get-ThuliumConnection | Format-List * | Out-String
            [pscustomobject]@{ surname = 'A' }, [pscustomobject]@{ surname = 'B'; phone_number = 'x' } | New-ThuliumCustomer -Verbose -Debug
            441, 999 | Remove-ThuliumCustomer -Force -Verbose -Debug
            Remove-ThuliumCampaign -Id 1, 9 -Force -Verbose -Debug
            Remove-ThuliumCrmRecord -CampaignId 1 -CustomerId 442 -Force -Verbose -Debug
            Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId 442 -Value @{ 8 = 1 } -Verbose -Debug
            try { Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential -Password 'wrong') -AllowUnencryptedAuthentication -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
        } *>&1 | ForEach-Object { ($_ | Format-List * -Force | Out-String) + [string]$_ }
        $text = $everything -join "`n"

        $text.Length | Should -BeGreaterThan 500
        $text | Should -Not -Match ([regex]::Escape($script:Password))
        $text | Should -Not -Match ([regex]::Escape($base64))
    }
}

Describe 'A 10,000-row CSV with 1% bad rows' {
    BeforeEach { Reset-ThuliumSandbox -Sandbox $script:Sandbox }

    It 'fails exactly the bad rows, one result per row, in order' {
        $lines = @('surname,email,vip')
        foreach ($i in 0..9999) {
            if ($i % 100 -eq 42) {
                if ($i % 200 -eq 42) { $lines += ",nobody$i@x.pl,tak" } else { $lines += "Bad$i,bad$i@x.pl,maybe" }
            }
            else { $lines += "Row$i,r$i@x.pl,nie" }
        }
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'big.csv') -Line $lines

        $results = @(Import-Csv $csv | New-ThuliumCustomer -ErrorAction SilentlyContinue -ErrorVariable bad)

        $results.Count | Should -Be 10000
        @($results | ForEach-Object InputIndex) | Should -Be (0..9999)
        @($results | Where-Object { -not $_.Succeeded } | ForEach-Object InputIndex) | Should -Be @(0..9999 | Where-Object { $_ % 100 -eq 42 })
        $bad.Count | Should -Be 100
        @((Get-ThuliumSandboxState -Sandbox $script:Sandbox).customers).Count | Should -Be 9900
    }
}

Describe 'A 401/403 in the middle of a run' {
    BeforeEach {
        Reset-ThuliumSandbox -Sandbox $script:Sandbox
        Add-ThuliumSandboxSeed -Sandbox $script:Sandbox -Customer @(1..12 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })
        # The first two requests are slow to answer, the third is refused: the refusal comes back while they are out.
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @(
            @{ method = 'DELETE'; delay_ms = 700; times = 2 }
            @{ method = 'DELETE'; status = 401; times = 1 }
        )
    }

    It 'gives every item sent its answer, every item held back a NotSent result, and ends with one terminating error' {
        $out = $null
        $caught = $null
        try {
            Remove-ThuliumCustomer -Id (1..12) -Force -BatchSize 1 -ThrottleLimit 4 -OutVariable out -ErrorVariable errs -ErrorAction Continue | Out-Null
        }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'ThuliumAuthenticationFailed,ThuliumPS.Commands.RemoveThuliumCustomerCommand'
        # Before: the requests still out were cancelled and no item got a result; the refused one had an error of its
        # own besides the terminating one.
        @($errs).Count | Should -Be 1
        $results = @($out)
        @($results | ForEach-Object InputIndex) | Should -Be @(0..($results.Count - 1))
        $results.Count | Should -BeGreaterOrEqual 4
        @($results | Where-Object HttpStatus -EQ 401).Count | Should -Be 1
        # The two slow requests were answered after the refusal, and their answers are in the results.
        @($results | Where-Object Outcome -EQ 'Succeeded').Count | Should -BeGreaterOrEqual 2
        $held = @($results | Where-Object Outcome -EQ 'NotSent')
        @($held | Where-Object Status -NE 'StoppedAtFailure') | Should -BeNullOrEmpty
        $held | ForEach-Object { $_.Message | Should -Match 'HTTP 401' }
        # Every item that has no request of its own in the log is one of those held back.
        $sent = @(Get-ThuliumSandboxRequest -Sandbox $script:Sandbox | Where-Object method -EQ 'DELETE').Count
        ($results.Count - $held.Count) | Should -Be $sent
    }

    It 'gives every item of an array given by parameter a result, also those after the refusal' {
        $out = $null
        try { Remove-ThuliumCustomer -Id (1..12) -Force -BatchSize 1 -ThrottleLimit 4 -OutVariable out -ErrorAction Continue | Out-Null } catch { }
        # Before: the array's items after the one whose send met the refusal had no result at all.
        @($out).Count | Should -Be 12
        @($out | ForEach-Object InputIndex) | Should -Be @(0..11)
    }

    It 'keeps its ErrorId under -ErrorAction Stop: ThuliumPermissionDenied for a 403' {
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @(@{ method = 'DELETE'; status = 403; times = 1 })
        { Remove-ThuliumCustomer -Id 1, 2 -Force -BatchSize 1 -ThrottleLimit 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ThuliumPermissionDenied,ThuliumPS.Commands.RemoveThuliumCustomerCommand'
    }
}

Describe 'A 401 or 403 in mid-run' {
    BeforeEach { Reset-ThuliumSandbox -Sandbox $script:Sandbox }

    It 'gives the refused items Status <Word> (a word, the number in HttpStatus) and the attempts their request took' -ForEach @(
        @{ Code = 401; Word = 'Unauthorized'; ErrorId = 'ThuliumAuthenticationFailed' }
        @{ Code = 403; Word = 'Forbidden'; ErrorId = 'ThuliumPermissionDenied' }
    ) {
        (New-ThuliumCustomer -Surname 'Before' -Confirm:$false).Succeeded | Should -BeTrue
        Set-ThuliumSandboxFault -Sandbox $script:Sandbox -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; status = $Code; body = '{"request_id":"r1","errors":[{"message":"No.","code":1}]}' })
        $results = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try {
            [pscustomobject]@{ surname = 'A' }, [pscustomobject]@{ surname = 'B' } |
                New-ThuliumCustomer -Confirm:$false -ErrorAction SilentlyContinue | ForEach-Object { $results.Add($_) }
        }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $results.Count | Should -Be 2
        foreach ($result in $results) {
            $result.Outcome | Should -Be 'Failed'
            $result.Status | Should -Be $Word
            $result.HttpStatus | Should -Be $Code
            $result.Attempts | Should -Be 1
        }
    }
}
