#Requires -Version 5.1
# Connect-Thulium / Get-ThuliumConnection / Disconnect-Thulium, environment variables, no connection.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS
    $script:Sandbox = Start-ThuliumSandbox
    $script:SavedEnv = Clear-ThuliumEnvironment

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
