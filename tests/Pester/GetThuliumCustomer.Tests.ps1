#Requires -Version 5.1
# Get-ThuliumCustomer: by id (piped numbers, New-ThuliumCustomer results), not found, each filter, paging, the pipe
# into Remove-ThuliumCustomer, output type and format view.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    function Get-CustomerRequest {
        @(Get-ThuliumSandboxRequest | Where-Object { $_.method -eq 'GET' -and $_.target -match '/api/customers' })
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Get-ThuliumCustomer' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer @(
            @{ customer_id = 1; name = 'Jan'; surname = 'Kowalski'; email = 'jan@foo.pl'; identifier = 'K-1'; phone_number = @('555666777', '111222333'); nip = '6783144527'; custom_fields = @{ Miasto = 'Kraków' } }
            @{ customer_id = 2; surname = 'Nowak'; email = 'anna@foo.pl'; identifier = 'K-2'; type = 'Hurt'; group = 'VIP'; company_id = 456 }
            @{ customer_id = 3; surname = 'Lis'; email = 'jan@foo.pl'; group = 'VIP' }
        )
    }

    It 'reads piped ids, writes typed customers and shows them in the table view' {
        $customers = @(1, '2' | Get-ThuliumCustomer)
        $customers.Count | Should -Be 2
        $customers[0] | Should -BeOfType ([ThuliumPS.Results.ThuliumCustomer])
        $customers[0].CustomerId | Should -Be 1
        $customers[0].PhoneNumber | Should -Be '555666777'
        @($customers[0].PhoneNumbers) | Should -Be @('555666777', '111222333')
        $customers[0].CustomFields['miasto'] | Should -Be 'Kraków'
        $customers[1].Surname | Should -Be 'Nowak'
        (Get-Command Get-ThuliumCustomer).OutputType.Type | Should -Be ([ThuliumPS.Results.ThuliumCustomer])
        $view = Get-FormatData -TypeName ThuliumPS.Results.ThuliumCustomer
        $view | Should -Not -BeNullOrEmpty
        @($view.FormatViewDefinition[0].Control.Headers.Label | Where-Object { $_ }) + @($view.FormatViewDefinition[0].Control.Rows[0].Columns.DisplayEntry.Value) |
            Should -Contain 'Identifier'
        ($customers | Format-Table | Out-String) | Should -Match 'Kowalski'
    }

    It 'the table view fits an 80-column console with every column, Identifier included' {
        $lines = @((Get-ThuliumCustomer 1 | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^CustomerId\s+Name\s+Surname\s+Email\s+PhoneNumber\s+Identifier$'
        $lines[2] | Should -Match 'K-1$'
    }

    It 'reports an unknown id as a non-terminating ObjectNotFound error and goes on' {
        $customers = @(1, 999, 2 | Get-ThuliumCustomer -ErrorVariable failures -ErrorAction SilentlyContinue)
        @($customers.CustomerId) | Should -Be @(1, 2)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Match '^ThuliumObjectNotFound'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 999
    }

    It 'reads the id of an object one of whose property getters throws (a running Process''s ExitCode)' {
        $row = [pscustomobject]@{ customer_id = 2 } | Add-Member -MemberType ScriptProperty -Name Broken -Value { throw 'no value yet' } -PassThru
        # Before: PowerShell's CatchFromBaseAdapterGetValue error for the one property, and the object was lost.
        @($row | Get-ThuliumCustomer -ErrorAction Stop).CustomerId | Should -Be 2
    }

    It 'reports a value that is not an id without a request' {
        $null = @('abc' | Get-ThuliumCustomer -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures[0].FullyQualifiedErrorId | Should -Match '^ThuliumInvalidInput'
        Get-CustomerRequest | Should -BeNullOrEmpty
    }

    It 'reads back what New-ThuliumCustomer created' {
        $created = @([pscustomobject]@{ surname = 'Zieliński'; email = 'z@foo.pl' } | New-ThuliumCustomer)
        $read = @($created | Get-ThuliumCustomer)
        $read.Count | Should -Be 1
        $read[0].CustomerId | Should -Be $created[0].CustomerId
        $read[0].Surname | Should -Be 'Zieliński'
        $read[0].Email | Should -Be 'z@foo.pl'
    }

    It 'filters by <Name>' -ForEach @(
        @{ Name = 'Identifier'; Splat = @{ Identifier = 'K-2' }; Ids = @(2); Query = 'identifier=K-2' }
        @{ Name = 'empty Identifier'; Splat = @{ Identifier = '' }; Ids = @(3); Query = 'identifier=&' }
        @{ Name = 'Email'; Splat = @{ Email = 'jan@foo.pl' }; Ids = @(1, 3); Query = 'email=jan%40foo.pl' }
        @{ Name = 'PhoneNumber'; Splat = @{ PhoneNumber = '111222333' }; Ids = @(1); Query = 'phone_number=111222333' }
        @{ Name = 'Nip'; Splat = @{ Nip = '6783144527' }; Ids = @(1); Query = 'nip=6783144527' }
        @{ Name = 'CompanyId'; Splat = @{ CompanyId = 456 }; Ids = @(2); Query = 'company_id=456' }
        @{ Name = 'Type'; Splat = @{ Type = 'Hurt' }; Ids = @(2); Query = 'type=Hurt' }
        @{ Name = 'Group'; Splat = @{ Group = 'VIP' }; Ids = @(2, 3); Query = 'group=VIP' }
        @{ Name = 'Group and Email'; Splat = @{ Group = 'VIP'; Email = 'jan@foo.pl' }; Ids = @(3); Query = 'group=VIP' }
    ) {
        $customers = @(Get-ThuliumCustomer @Splat)
        @($customers.CustomerId) | Should -Be $Ids
        $requests = Get-CustomerRequest
        $requests.Count | Should -Be 1
        $requests[0].target | Should -BeLike "*$Query*"
    }

    It 'lists every customer with no filter' {
        @(Get-ThuliumCustomer).Count | Should -Be 3
    }

    It 'pages: 2,500 customers by 1000 in three requests, -First stops early' {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer (1..2500 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })

        $all = Get-ThuliumCustomer -PageSize 1000 | Measure-Object
        $all.Count | Should -Be 2500
        (Get-CustomerRequest).Count | Should -Be 3

        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer (1..2500 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })
        $first = @(Get-ThuliumCustomer -PageSize 1000 -First 1200)
        $first.Count | Should -Be 1200
        $first[-1].CustomerId | Should -Be 1200
        $requests = Get-CustomerRequest
        $requests.Count | Should -Be 2
        $requests[1].target | Should -BeLike '*limit=200&offset=1000*'
    }

    It 'refuses piped ids together with a listing parameter, which would list every customer, and sends nothing' {
        # Before: the piped ids failed to bind and every customer was listed, so '... | Remove-ThuliumCustomer' removed them all.
        { 2 | Get-ThuliumCustomer -PageSize 10 } | Should -Throw -ErrorId 'ThuliumInvalidInput,ThuliumPS.Commands.GetThuliumCustomerCommand' -ExpectedMessage '*piped input*'
        { @([pscustomobject]@{ customer_id = 2 }) | Get-ThuliumCustomer -First 1 } | Should -Throw -ErrorId 'ThuliumInvalidInput*'
        Get-CustomerRequest | Should -BeNullOrEmpty
        @(2 | Get-ThuliumCustomer).CustomerId | Should -Be 2
    }

    It 'refuses -<Name> $null, which would drop the filter and list every customer' -ForEach @(
        @{ Name = 'Identifier' }
        @{ Name = 'PhoneNumber' }
    ) {
        $filter = @{ $Name = $null }
        { Get-ThuliumCustomer @filter } | Should -Throw -ErrorId 'ThuliumInvalidInput*' -ExpectedMessage "-$Name is `$null*"
        Get-CustomerRequest | Should -BeNullOrEmpty
        # '' keeps its documented meaning: customers without one.
        $empty = @{ $Name = '' }
        @(Get-ThuliumCustomer @empty).Count | Should -BeGreaterOrEqual 1
    }

    It 'pipes into New-ThuliumCustomer whole: every phone number, the custom fields, no warning' {
        # Before, the row was read from the display properties: only the first phone number and e-mail were copied,
        # with a warning for Emails and PhoneNumbers.
        $copy = @(Get-ThuliumCustomer 1 | New-ThuliumCustomer -WarningVariable warnings -WarningAction SilentlyContinue)
        $copy[0].Outcome | Should -Be 'Succeeded'
        @($warnings) | Should -BeNullOrEmpty
        $stored = (Get-ThuliumSandboxState).customers | Where-Object customer_id -EQ $copy[0].CustomerId
        @($stored.phone_number) | Should -Be @('555666777', '111222333')
        $stored.email | Should -Be 'jan@foo.pl'
        $stored.identifier | Should -Be 'K-1'
        $stored.custom_fields.Miasto | Should -Be 'Kraków'
    }

    It 'pipes into Remove-ThuliumCustomer, which reads CustomerId' {
        $removed = @(Get-ThuliumCustomer -Email jan@foo.pl | Remove-ThuliumCustomer -Force)
        @($removed.CustomerId) | Should -Be @(1, 3)
        @($removed | Where-Object Succeeded).Count | Should -Be 2
        @((Get-ThuliumSandboxState).customers.customer_id) | Should -Be @(2)
    }

    It 'removes more than a page when the customers are collected first' {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer (1..250 | ForEach-Object { @{ customer_id = $_; surname = "S$_"; group = 'Old' } })
        $collected = @(Get-ThuliumCustomer -Group Old)
        $removed = @($collected | Remove-ThuliumCustomer -Force)
        $removed.Count | Should -Be 250
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 0
    }

    It 'stops with ThuliumNotConnected without a connection' {
        $saved = Get-ThuliumConnection
        Disconnect-Thulium
        try {
            $names = 'THULIUM_BASE_URI', 'THULIUM_INSTANCE', 'THULIUM_API_USER', 'THULIUM_API_PASSWORD'
            $savedEnv = @{}; foreach ($n in $names) { $savedEnv[$n] = [Environment]::GetEnvironmentVariable($n); [Environment]::SetEnvironmentVariable($n, $null) }
            { Get-ThuliumCustomer -Id 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ThuliumNotConnected,ThuliumPS.Commands.GetThuliumCustomerCommand'
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $savedEnv[$n]) }
            Get-ThuliumCustomer -Id 1 -Connection $saved | Should -Not -BeNullOrEmpty
            $null = Connect-Thulium -BaseUri $saved.BaseUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -MaximumRetryCount 0
        }
    }

    It 'stops with ThuliumAuthenticationFailed on wrong credentials' {
        $wrong = Connect-Thulium -BaseUri (Get-ThuliumConnection).BaseUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru
        Set-ThuliumSandboxFault -Rule @(@{ method = 'GET'; path = '/api/customers'; status = 401; body = '{"request_id":"r1","errors":[{"message":"Unauthorized","code":401}]}' })
        try {
            { Get-ThuliumCustomer -Connection $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'ThuliumAuthenticationFailed,ThuliumPS.Commands.GetThuliumCustomerCommand'
        }
        finally { Set-ThuliumSandboxFault -Rule @() }
    }
}
