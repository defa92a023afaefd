#Requires -Version 5.1
# The default connection belongs to the runspace: ForEach-Object -Parallel runspaces each have
# their own, and Connect/Disconnect in one never breaks or clears another's. ForEach-Object -Parallel needs
# PowerShell 7: on Windows PowerShell 5.1 the tests are skipped, not failed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS
    # Latency keeps every runspace's requests in flight while the others connect, so a connection that a
    # Connect elsewhere disposes or replaces would show up as failed rows.
    $script:Sandbox = Start-ThuliumSandbox -LatencyMs 15
    $script:SavedEnv = Clear-ThuliumEnvironment
    $script:Manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
}

AfterAll {
    Disconnect-Thulium
    if ($script:SavedEnv) { Restore-ThuliumEnvironment $script:SavedEnv }
    Stop-ThuliumSandbox -Sandbox $script:Sandbox
}

Describe 'The default connection belongs to the runspace' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
    BeforeEach {
        Reset-ThuliumSandbox
        Disconnect-Thulium
    }

    It 'Disconnect-Thulium in another runspace leaves this runspace''s default in place' {
        Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication
        $seen = 1 | ForEach-Object -Parallel {
            Import-Module $using:Manifest
            $before = @(Get-ThuliumConnection).Count
            Disconnect-Thulium
            $before
        }
        $seen | Should -Be 0 -Because 'a new runspace starts without a default connection'
        Get-ThuliumConnection | Should -Not -BeNullOrEmpty
        (New-ThuliumCustomer -Surname 'StillConnected' -Confirm:$false).Succeeded | Should -BeTrue
    }

    It 'a connection passed with $using: works in another runspace after this one disconnected' {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        Disconnect-Thulium
        $result = 1 | ForEach-Object -Parallel {
            Import-Module $using:Manifest
            New-ThuliumCustomer -Surname 'Shared' -Connection $using:connection -Confirm:$false
        }
        $result.Succeeded | Should -BeTrue -Because "$($result.Message)"
    }

    It 'Connect-Thulium in each of 4 parallel runspaces, 12 × 60 rows created: 0 failures, every row exactly once' {
        $api = $script:Sandbox.ApiUri
        $manifest = $script:Manifest
        $results = @(1..12 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            $secure = ConvertTo-SecureString 'api_pass' -AsPlainText -Force
            $credential = [pscredential]::new('api_user', $secure)
            Connect-Thulium -BaseUri $using:api -Credential $credential -AllowUnencryptedAuthentication
            $block = $_
            1..60 | ForEach-Object { [pscustomobject]@{ surname = 'P{0:d2}-{1:d3}' -f $block, $_ } } |
                New-ThuliumCustomer -BatchSize 5 -ThrottleLimit 2 -Confirm:$false -ErrorAction SilentlyContinue
            Disconnect-Thulium
        })

        $results.Count | Should -Be 720
        $failed = @($results | Where-Object { -not $_.Succeeded })
        $failed.Count | Should -Be 0 -Because (@($failed | Select-Object -First 3 | ForEach-Object Message) -join ' | ')

        $surnames = @((Get-ThuliumSandboxState).customers | ForEach-Object surname)
        $surnames.Count | Should -Be 720
        @($surnames | Sort-Object -Unique).Count | Should -Be 720
        $expected = foreach ($b in 1..12) { foreach ($i in 1..60) { 'P{0:d2}-{1:d3}' -f $b, $i } }
        @(Compare-Object ($expected | Sort-Object) ($surnames | Sort-Object)).Count | Should -Be 0
    }
}
