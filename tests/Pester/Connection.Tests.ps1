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
