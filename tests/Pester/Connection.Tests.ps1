#Requires -Version 5.1
# Connect-Thulium / Get-ThuliumConnection / Disconnect-Thulium, environment variables, no connection.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS
    $script:Sandbox = Start-ThuliumSandbox
    $script:SavedEnv = Clear-ThuliumEnvironment
    # TestHelpers' Clear-ThuliumEnvironment does not know THULIUM_INSTANCE; an inherited one would change what
    # Connect-Thulium without arguments does here.
    $script:SavedInstance = $env:THULIUM_INSTANCE
    $env:THULIUM_INSTANCE = $null

    # No default connection, no THULIUM_* variables, an empty sandbox: what each It below starts from.
    function Reset-ConnectionTestState {
        Reset-ThuliumSandbox
        Disconnect-Thulium -ErrorAction SilentlyContinue
        $null = Clear-ThuliumEnvironment
    }

    function Invoke-Caught {
        param([scriptblock] $ScriptBlock)
        try {
            $null = & $ScriptBlock
        }
        catch {
            return $_
        }
        $null
    }
}

AfterAll {
    if (Get-Command Disconnect-Thulium -ErrorAction SilentlyContinue) { Disconnect-Thulium }
    if ($script:SavedEnv) { Restore-ThuliumEnvironment $script:SavedEnv }
    $env:THULIUM_INSTANCE = $script:SavedInstance
    Stop-ThuliumSandbox -Sandbox $script:Sandbox
}

Describe 'Connect-Thulium' {
    BeforeEach {
        Reset-ThuliumSandbox
        Disconnect-Thulium -ErrorAction SilentlyContinue
        $null = Clear-ThuliumEnvironment
    }

    It 'returns a ThuliumConnection with -PassThru (BaseUri, UserName) and nothing without it' {
        $none = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication
        $none | Should -BeNullOrEmpty

        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $connection | Should -BeOfType ([ThuliumPS.Connection.ThuliumConnection])
        $connection.UserName | Should -Be 'api_user'
        $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $script:Sandbox.ApiUri.TrimEnd('/')
        $connection.AllowUnencryptedAuthentication | Should -BeTrue
    }

    It 'never shows the password: not in any property, not in ToString(), not in formatted output' {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        foreach ($property in $connection.PSObject.Properties) {
            [string]$property.Value | Should -Not -Match 'api_pass' -Because "property $($property.Name) must not hold the password"
            $property.Value | Should -Not -BeOfType ([pscredential])
            $property.Value | Should -Not -BeOfType ([securestring])
        }
        $connection.ToString() | Should -Not -Match 'api_pass'
        $connection.ToString() | Should -Match 'api_user'
        ($connection | Format-List * | Out-String) | Should -Not -Match 'api_pass'
        ($connection | Format-Table | Out-String) | Should -Not -Match 'api_pass'
    }

    It 'refuses http without -AllowUnencryptedAuthentication (terminating ThuliumInvalidConnection), sends nothing' {
        $caught = Invoke-Caught { Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
        Get-ThuliumConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a wrong password is a terminating AuthenticationError (ThuliumAuthenticationFailed) that does not echo the password' {
        $wrong = New-TestCredential -Password 'wrong-secret-4711'
        $caught = Invoke-Caught { Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential $wrong -AllowUnencryptedAuthentication -MaximumRetryCount 0 }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumAuthenticationFailed*'
        $caught.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
        ($caught | Out-String) | Should -Not -Match 'wrong-secret-4711'
        [string]$caught.Exception | Should -Not -Match 'wrong-secret-4711'
        @(Get-ThuliumSandboxRequest | Where-Object { $_.status -eq 401 }).Count | Should -BeGreaterThan 0
        Get-ThuliumConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'https to a plain-http server with -SkipCertificateCheck does not advise -SkipCertificateCheck again' {
        # The sandbox speaks plain http: a TLS handshake with it fails whether or not certificates are checked.
        $https = $script:Sandbox.ApiUri -replace '^http:', 'https:'
        $caught = Invoke-Caught { Connect-Thulium -BaseUri $https -Credential (New-TestCredential) -SkipCertificateCheck -MaximumRetryCount 0 -WarningAction SilentlyContinue }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumConnectionFailed*'
        $caught.Exception.Message | Should -Not -Match 'connect with -SkipCertificateCheck'
        $caught.Exception.Message | Should -Match 'already skipped'
        $caught.Exception.Message | Should -Match 'http://'
        Get-ThuliumConnection | Should -BeNullOrEmpty
    }

    It 'https to a plain-http server without -SkipCertificateCheck names both possible causes' {
        $https = $script:Sandbox.ApiUri -replace '^http:', 'https:'
        $caught = Invoke-Caught { Connect-Thulium -BaseUri $https -Credential (New-TestCredential) -MaximumRetryCount 0 }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumConnectionFailed*'
        $caught.Exception.Message | Should -Match '-SkipCertificateCheck'
        $caught.Exception.Message | Should -Match 'http://'
    }

    It 'refusing http with -SkipCertificateCheck says the switch does not apply to http' {
        $caught = Invoke-Caught { Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -SkipCertificateCheck -WarningAction SilentlyContinue }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        $caught.Exception.Message | Should -Match '-AllowUnencryptedAuthentication'
        $caught.Exception.Message | Should -Match 'SkipCertificateCheck.*(no effect|not apply)'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }
}

Describe 'Connections stay usable while a user holds them' {
    BeforeEach {
        Reset-ThuliumSandbox
        Disconnect-Thulium -ErrorAction SilentlyContinue
        $null = Clear-ThuliumEnvironment
    }

    It 'Disconnect-Thulium leaves a -PassThru connection working (Remove-ThuliumCustomer -Connection)' {
        Add-ThuliumSandboxSeed -Customer @(@{ customer_id = 1; surname = 'Kept' })
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        Disconnect-Thulium
        $result = Remove-ThuliumCustomer -Id 1 -Connection $connection -Force -ErrorVariable failures
        $result.Succeeded | Should -BeTrue -Because "$($result.Message)"
        @($failures).Count | Should -Be 0
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 0
    }

    It 'a second Connect-Thulium -PassThru leaves the first connection working, and both work side by side' {
        $first = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $second = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $a = New-ThuliumCustomer -Surname 'ViaFirst' -Connection $first -Confirm:$false
        $b = New-ThuliumCustomer -Surname 'ViaSecond' -Connection $second -Confirm:$false
        $c = New-ThuliumCustomer -Surname 'ViaFirstAgain' -Connection $first -Confirm:$false
        @($a, $b, $c).Succeeded | Should -Be @($true, $true, $true) -Because "$($a.Message) $($b.Message) $($c.Message)"
        (Get-ThuliumConnection).ConnectedAtUtc | Should -Be $second.ConnectedAtUtc
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 3
    }

    It 'per-call retry options on a held connection leave it working afterwards' {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $a = New-ThuliumCustomer -Surname 'Override' -Connection $connection -MaximumRetryCount 0 -RetryIntervalSec 0 -Confirm:$false
        $b = New-ThuliumCustomer -Surname 'After' -Connection $connection -Confirm:$false
        $c = New-ThuliumCustomer -Surname 'Default' -MaximumRetryWaitSec 5 -Confirm:$false
        $d = New-ThuliumCustomer -Surname 'DefaultAfter' -Confirm:$false
        @($a, $b, $c, $d).Succeeded | Should -Be @($true, $true, $true, $true)
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 4
    }

    It 'the connection object has no Dispose a user could break it with' {
        [ThuliumPS.Connection.ThuliumConnection].GetInterfaces() | Should -Not -Contain ([System.IDisposable])
        [ThuliumPS.Connection.ThuliumConnection].GetMethod('Dispose') | Should -BeNullOrEmpty
    }
}

Describe 'Get-ThuliumConnection / Disconnect-Thulium' {
    BeforeEach {
        Reset-ThuliumSandbox
        Disconnect-Thulium -ErrorAction SilentlyContinue
        $null = Clear-ThuliumEnvironment
    }

    It 'Get-ThuliumConnection shows the default connection, Disconnect-Thulium clears it' {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $current = Get-ThuliumConnection
        $current | Should -BeOfType ([ThuliumPS.Connection.ThuliumConnection])
        $current.UserName | Should -Be $connection.UserName
        $current.BaseUri | Should -Be $connection.BaseUri

        Disconnect-Thulium
        Get-ThuliumConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'after Disconnect-Thulium a bulk cmdlet fails with ThuliumNotConnected' {
        Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication
        Disconnect-Thulium
        Reset-ThuliumSandbox
        $caught = Invoke-Caught { New-ThuliumCustomer -Surname 'Kowalski' -Confirm:$false }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumNotConnected*'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'an explicit -Connection works without a default connection' {
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        Disconnect-Thulium
        Reset-ThuliumSandbox
        $result = New-ThuliumCustomer -Surname 'Kowalski' -Connection $connection -Confirm:$false
        $result.Succeeded | Should -BeTrue
        @((Get-ThuliumSandboxState).customers | Where-Object surname -eq 'Kowalski').Count | Should -Be 1
    }
}

Describe 'Environment variables and no connection' {
    BeforeEach {
        Reset-ThuliumSandbox
        Disconnect-Thulium -ErrorAction SilentlyContinue
        $null = Clear-ThuliumEnvironment
    }

    AfterEach {
        $null = Clear-ThuliumEnvironment
        Disconnect-Thulium
    }

    It 'uses THULIUM_* environment variables when there is no Connect-Thulium' {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'api_pass'
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = 'true'

        $results = @(New-ThuliumCustomer -Surname 'FromEnv' -Confirm:$false)
        $results.Count | Should -Be 1
        $results[0].Succeeded | Should -BeTrue
        @((Get-ThuliumSandboxState).customers | Where-Object surname -eq 'FromEnv').Count | Should -Be 1
    }

    It 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION=<Value> is accepted by the bulk cmdlets' -ForEach @(
        @{ Value = 'yes' }, @{ Value = 'TAK' }, @{ Value = '1' }, @{ Value = 'True' }
    ) {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'api_pass'
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = $Value

        $result = New-ThuliumCustomer -Surname 'FromEnv' -Confirm:$false
        $result.Succeeded | Should -BeTrue
    }

    It 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION=<Value> refuses http (false words and nonsense alike), nothing sent' -ForEach @(
        @{ Value = 'no'; Pattern = 'unencrypted' }, @{ Value = 'nie'; Pattern = 'unencrypted' }, @{ Value = '0'; Pattern = 'unencrypted' },
        @{ Value = 'maybe'; Pattern = 'not a boolean' }
    ) {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'api_pass'
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = $Value

        $caught = Invoke-Caught { New-ThuliumCustomer -Surname 'FromEnv' -Confirm:$false }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        $caught.Exception.Message | Should -Match $Pattern
        $caught.Exception.Message | Should -Match 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION'
        $caught.Exception.Message | Should -Not -Match 'api_pass'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'Connect-Thulium with no arguments connects from THULIUM_* (THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION=yes)' {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'api_pass'
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = 'yes'

        $connection = Connect-Thulium -PassThru
        $connection.BaseUri.AbsoluteUri | Should -Be $script:Sandbox.ApiUri
        $connection.UserName | Should -Be 'api_user'
        $connection.AllowUnencryptedAuthentication | Should -BeTrue
        (Get-ThuliumConnection).ConnectedAtUtc | Should -Be $connection.ConnectedAtUtc
        # Checked like any Connect-Thulium: one authenticated read.
        @(Get-ThuliumSandboxRequest | Where-Object { $_.method -eq 'GET' -and $_.status -eq 200 }).Count | Should -Be 1

        # The variables are read once, at Connect: the default holds what they said then.
        $null = Clear-ThuliumEnvironment
        (New-ThuliumCustomer -Surname 'AfterConnect' -Confirm:$false).Succeeded | Should -BeTrue
    }

    It 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION applies to an explicit -BaseUri too, and the switch given as :$false overrides it' {
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = 'true'
        # Before, the variable was read only when the target itself came from the environment.
        $connection = Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -PassThru
        $connection.AllowUnencryptedAuthentication | Should -BeTrue
        { Connect-Thulium -BaseUri $script:Sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication:$false -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*unencrypted*'
    }

    It 'Connect-Thulium with no arguments takes -Credential and switches over the variables' {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'someone_else'
        $env:THULIUM_API_PASSWORD = 'not-this-one'

        $connection = Connect-Thulium -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $connection.UserName | Should -Be 'api_user'
        $connection.AllowUnencryptedAuthentication | Should -BeTrue
    }

    It 'Connect-Thulium with no arguments over http without the opt-in names the variable, sends nothing' {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'api_pass'

        $caught = Invoke-Caught { Connect-Thulium }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        $caught.Exception.Message | Should -Match 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
        Get-ThuliumConnection | Should -BeNullOrEmpty
    }

    It 'Connect-Thulium with no arguments and no variables: one clear terminating error, nothing sent' {
        $caught = Invoke-Caught { Connect-Thulium }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        $caught.Exception.Message | Should -Match 'THULIUM_INSTANCE'
        $caught.Exception.Message | Should -Match '-Instance'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
        Get-ThuliumConnection | Should -BeNullOrEmpty
    }

    It 'environment variables over http without THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION are refused, nothing sent' {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'api_pass'

        $caught = Invoke-Caught { New-ThuliumCustomer -Surname 'FromEnv' -Confirm:$false }
        $caught | Should -Not -BeNullOrEmpty
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'no connection and no environment: one terminating ThuliumNotConnected error that says how to connect' {
        $ev = $null
        $caught = $null
        try {
            $null = 'A', 'B', 'C' | ForEach-Object { [pscustomobject]@{ surname = $_ } } |
                New-ThuliumCustomer -Confirm:$false -ErrorVariable ev
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumNotConnected*'
        $caught.Exception.Message | Should -Match 'Connect-Thulium'
        @($ev).Count | Should -Be 1
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It '-WhatIf works with no connection at all and sends nothing' -ForEach @(
        @{ Command = { New-ThuliumCustomer -Surname 'Kowalski' -WhatIf }; Count = 1 }
        @{ Command = { 1, 2 | Remove-ThuliumCustomer -WhatIf }; Count = 2 }
        @{ Command = { Remove-ThuliumCampaign -Id 1, 2 -WhatIf }; Count = 2 }
        @{ Command = { Remove-ThuliumCrmRecord -CampaignId 1 -CustomerId 441, 442 -WhatIf }; Count = 2 }
        @{ Command = { Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId 441 -Value @{ 8 = 'x' } -WhatIf }; Count = 1 }
    ) {
        $caught = $null
        $output = $null
        try {
            $output = @(& $Command)
        }
        catch {
            $caught = $_
        }
        $caught | Should -BeNullOrEmpty
        $output.Count | Should -Be $Count
        @($output | ForEach-Object Status | Select-Object -Unique) | Should -Be @('WhatIf')
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }
}

Describe 'A password typed into the URI never reaches an error, a stream or $Error' {
    BeforeAll {
        # Every string a refused Connect-Thulium or bulk command leaves behind: each stream (verbose included), and
        # for each ErrorRecord in $Error its TargetObject, CategoryInfo, ToString, formatted view and the messages
        # and ToString of its whole exception chain.
        function Get-EverythingLeftBehind {
            param([scriptblock] $ScriptBlock)
            $Error.Clear()
            $streams = & {
                try { & $ScriptBlock } catch { $_ }
            } *>&1 | ForEach-Object { [string]$_; ($_ | Format-List * -Force | Out-String) }
            $records = @($Error | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ } else { $_.ErrorRecord } })
            $records.Count | Should -BeGreaterThan 0 -Because 'the command must have been refused'
            $texts = foreach ($record in $records) {
                [string]$record.TargetObject
                $record.CategoryInfo.ToString()
                $record.CategoryInfo.TargetName
                $record.ToString()
                [string]$record.ErrorDetails
                ($record | Format-List * -Force | Out-String)
                for ($e = $record.Exception; $e; $e = $e.InnerException) { $e.Message; $e.ToString() }
            }
            (@($streams) + @($texts)) -join "`n"
        }
    }

    BeforeEach {
        Reset-ConnectionTestState
        $script:UriWithPassword = $script:Sandbox.ApiUri -replace '^http://', 'http://api_user:api_pass@'
    }

    AfterEach { $null = Clear-ThuliumEnvironment }

    It 'Connect-Thulium <Case>' -ForEach @(
        @{ Case = '-BaseUri http://user:password@host/api/'; Command = { Connect-Thulium -BaseUri $script:UriWithPassword -Credential (New-TestCredential) -AllowUnencryptedAuthentication -Verbose } }
        @{ Case = '-BaseUri that is no URI at all'; Command = { Connect-Thulium -BaseUri 'http://api_user:api_pass@[no-host/api/' -Credential (New-TestCredential) -Verbose } }
        @{ Case = '-Instance pasted as a URI'; Command = { Connect-Thulium -Instance 'https://api_user:api_pass@acme.thulium.com' -Credential (New-TestCredential) -Verbose } }
        @{ Case = 'from THULIUM_BASE_URI'; Command = { $env:THULIUM_BASE_URI = $script:UriWithPassword; Connect-Thulium -Credential (New-TestCredential) -Verbose } }
        @{ Case = 'from a THULIUM_BASE_URI that is not absolute'; Command = { $env:THULIUM_BASE_URI = 'api_user:api_pass@127.0.0.1/api'; Connect-Thulium -Credential (New-TestCredential) -Verbose } }
    ) {
        $text = Get-EverythingLeftBehind $Command
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match 'api_pass'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
        Get-ThuliumConnection | Should -BeNullOrEmpty
    }

    It 'a bulk cmdlet connecting from a THULIUM_BASE_URI with a password in it' {
        $env:THULIUM_BASE_URI = $script:UriWithPassword
        $env:THULIUM_API_USER = 'api_user'
        $env:THULIUM_API_PASSWORD = 'not-the-point'
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = 'true'
        $text = Get-EverythingLeftBehind { New-ThuliumCustomer -Surname 'Kowalski' -Confirm:$false -Verbose }
        $text | Should -Match 'THULIUM_BASE_URI'
        $text | Should -Not -Match 'api_pass'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'the refusal still shows where the URI pointed, without the user information' {
        $caught = Invoke-Caught { Connect-Thulium -BaseUri $script:UriWithPassword -Credential (New-TestCredential) -AllowUnencryptedAuthentication }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        [string]$caught.TargetObject | Should -Be ($script:Sandbox.ApiUri -replace '^http://', 'http://***@')
    }
}

Describe 'Connect-Thulium with a credential given by position' {
    BeforeEach { Reset-ConnectionTestState }
    AfterEach { $null = Clear-ThuliumEnvironment }

    It 'binds it after -BaseUri, before or after the URI' {
        $a = Connect-Thulium -BaseUri $script:Sandbox.ApiUri (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        $b = Connect-Thulium (New-TestCredential) -BaseUri $script:Sandbox.ApiUri -AllowUnencryptedAuthentication -PassThru
        @($a, $b).UserName | Should -Be @('api_user', 'api_user')
    }

    It 'binds it after the instance name (Connect-Thulium acme $cred), with no user in the environment' {
        # An invalid name fails before any request; with the credential unbound it would say "No API user" instead.
        $caught = Invoke-Caught { Connect-Thulium 'not a name!' (New-TestCredential) }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        $caught.Exception.Message | Should -Match 'not a valid Thulium instance name'
        $caught.Exception.Message | Should -Not -Match 'No API user'
    }

    It 'where the target comes from the environment, a credential first is refused with a message that says to name it' {
        $env:THULIUM_BASE_URI = $script:Sandbox.ApiUri
        $env:THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION = 'true'
        $caught = Invoke-Caught { Connect-Thulium (New-TestCredential) }
        $caught | Should -Not -BeNullOrEmpty
        $caught.Exception.Message | Should -Not -Match 'No API user'
        $caught.Exception.Message | Should -Match 'not a credential'
        $caught.Exception.Message | Should -Match ([regex]::Escape('Connect-Thulium -Credential'))
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0

        (Connect-Thulium -Credential (New-TestCredential) -PassThru).UserName | Should -Be 'api_user'
    }

    It 'the syntax shows -Credential as positional exactly where a positional credential binds' {
        $sets = (Get-Command Connect-Thulium).ParameterSets
        $position = @{}
        foreach ($set in $sets) { $position[$set.Name] = ($set.Parameters | Where-Object Name -eq 'Credential').Position }
        $position['Instance'] | Should -Be 1
        $position['BaseUri'] | Should -Be 1
        $position['Environment'] | Should -BeLessThan 0   # named only: see the It above
    }
}

Describe 'Connect-Thulium errors name the PowerShell parameter or variable' {
    BeforeEach { Reset-ConnectionTestState }
    AfterEach { $null = Clear-ThuliumEnvironment }

    It '<Case>' -ForEach @(
        @{ Case = 'an invalid -Instance'; Start = '-Instance: '; Command = { Connect-Thulium -Instance 'bad name!' -Credential (New-TestCredential) } }
        @{ Case = 'a -BaseUri that is not http(s)'; Start = '-BaseUri: '; Command = { Connect-Thulium -BaseUri 'ftp://files.example/api/' -Credential (New-TestCredential) } }
        @{ Case = 'a -Credential user with a colon'; Start = '-Credential: '; Command = { Connect-Thulium -Instance acme -Credential (New-TestCredential -UserName 'a:b') } }
        @{ Case = 'an invalid THULIUM_INSTANCE'; Start = 'THULIUM_INSTANCE: '; Command = { $env:THULIUM_INSTANCE = 'x y'; $env:THULIUM_API_USER = 'u'; $env:THULIUM_API_PASSWORD = 'p'; Connect-Thulium } }
        @{ Case = 'a bulk cmdlet with an invalid THULIUM_INSTANCE'; Start = 'THULIUM_INSTANCE: '; Command = { $env:THULIUM_INSTANCE = 'x y'; $env:THULIUM_API_USER = 'u'; $env:THULIUM_API_PASSWORD = 'p'; New-ThuliumCustomer -Surname 'K' -Confirm:$false } }
    ) {
        $caught = Invoke-Caught $Command
        $caught.FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidConnection*'
        $caught.Exception.Message | Should -BeLike "$Start*"
        $caught.Exception.Message | Should -Not -Match ([regex]::Escape('(Parameter '))
    }
}
