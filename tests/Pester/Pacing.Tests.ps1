#Requires -Version 5.1
# One pace per connection: when the server throttles (429/503 with Retry-After), every command and runspace that
# sends through the connection slows down together, says so once per change under -Verbose, and loses nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS
    $script:Sandbox = Start-ThuliumSandbox -RateLimit 30 -LatencyMs 5
    $script:SavedEnv = Clear-ThuliumEnvironment
    $script:Manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
}

AfterAll {
    if ($script:SavedEnv) { Restore-ThuliumEnvironment $script:SavedEnv }
    Stop-ThuliumSandbox -Sandbox $script:Sandbox
}

Describe 'Sending to a rate-limited server' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'one command: every row created once, few requests refused, and -Verbose says when the rate changed (not per request)' {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $rows = 1..1000 | ForEach-Object { [pscustomobject]@{ surname = "S$_" } }

        $output = @($rows | New-ThuliumCustomer -Connection $connection -BatchSize 10 -Verbose 4>&1)

        $results = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $rateLines = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'requests/s' })
        @($results | Where-Object { -not $_.Succeeded }).Count | Should -Be 0
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 1000
        $posts = @(Get-ThuliumSandboxRequest | Where-Object method -eq 'POST')
        @($posts | Where-Object status -eq 429).Count | Should -BeLessOrEqual ([math]::Ceiling($posts.Count / 10) + 4)
        $rateLines.Count | Should -BeGreaterThan 0
        $rateLines.Count | Should -BeLessThan 20
        $rateLines[0].Message | Should -Match 'The server asked to slow down \(HTTP 429'
    }

    It 'ForEach-Object -Parallel with one connection: the runspaces share its pace and lose nothing' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $manifest = $script:Manifest

        $results = @(1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:manifest
                $part = $_
                1..250 | ForEach-Object { [pscustomobject]@{ surname = "P$part-$_" } } |
                    New-ThuliumCustomer -Connection $using:connection -BatchSize 10 -ErrorAction SilentlyContinue
            })

        $results.Count | Should -Be 1000
        @($results | Where-Object { -not $_.Succeeded }).Count | Should -Be 0
        $names = @((Get-ThuliumSandboxState).customers | ForEach-Object surname)
        $names.Count | Should -Be 1000
        @($names | Select-Object -Unique).Count | Should -Be 1000
    }
}
