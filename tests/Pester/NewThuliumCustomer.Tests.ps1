#Requires -Version 5.1
# New-ThuliumCustomer: CSV flow (snake_case and PascalCase headers, nested columns, custom fields with Polish
# names, several e-mails, booleans from text), typed parameters, round trip, server rejection, failed-row export.
# The file is kept ASCII (Windows PowerShell 5.1 reads BOM-less files as ANSI): Polish letters are built from code points.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    $o = [string][char]0x00F3   # o with acute
    $script:Zrodlo = [string][char]0x0179 + 'r' + $o + 'd' + [char]0x0142 + 'o'   # "Zrodlo" with Polish letters
    $script:Krakow = 'Krak' + $o + 'w'
    $script:Dluga = 'D' + [char]0x0142 + 'uga 1'
    $script:Zielinski = 'Zieli' + [char]0x0144 + 'ski'

    function Get-StateCustomer {
        param([string] $Surname)
        @((Get-ThuliumSandboxState).customers | Where-Object { $_.surname -ceq $Surname })
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'New-ThuliumCustomer from Import-Csv' {
    BeforeEach {
        Reset-ThuliumSandbox
    }

    It 'snake_case headers: nested addresses, Polish custom field, several e-mails, vip tak/nie/false; vip maybe fails locally' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'snake.csv') -Line @(
            "surname,name,email,phone_number,address.city,invoice_address.street,custom_fields.$Zrodlo,vip"
            "Kowalski,Jan,jan@a.pl;jan2@b.pl,123456789,$Krakow,$Dluga,web,tak"
            'Nowak,Anna,anna@a.pl,,Warszawa,,,nie'
            "$Zielinski,Ewa,ewa@a.pl,,,,,false"
            'Maybe,Max,max@a.pl,,,,,maybe'
        )
        $rows = @(Import-Csv -LiteralPath $csv -Encoding UTF8)
        $ev = $null
        $results = @($rows | New-ThuliumCustomer -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 4
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $true, $true, $false)
        @($results | ForEach-Object InputIndex) | Should -Be @(0, 1, 2, 3)
        $results[3].Status | Should -Not -BeNullOrEmpty
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $ev[0].TargetObject.surname | Should -Be 'Maybe'
        "$($ev[0])" | Should -Match 'maybe|vip'

        # The invalid row is never sent.
        Get-SentItemCount | Should -Be 3
        @(Get-StateCustomer 'Maybe').Count | Should -Be 0

        $jan = Get-StateCustomer 'Kowalski'
        $jan.Count | Should -Be 1
        $jan[0].name | Should -Be 'Jan'
        @($jan[0].email) | Should -Be @('jan@a.pl', 'jan2@b.pl')
        $jan[0].address.city | Should -Be $Krakow
        $jan[0].invoice_address.street | Should -Be $Dluga
        $jan[0].custom_fields.$Zrodlo | Should -Be 'web'
        $jan[0].vip | Should -BeOfType ([bool])
        $jan[0].vip | Should -BeTrue
        $results[0].CustomerId | Should -Be ([long]$jan[0].customer_id)

        $anna = Get-StateCustomer 'Nowak'
        $anna[0].vip | Should -BeOfType ([bool])
        $anna[0].vip | Should -BeFalse
        $anna[0].email | Should -Be 'anna@a.pl'
        # Empty cells are not sent.
        $anna[0].PSObject.Properties.Name | Should -Not -Contain 'phone_number'
        $anna[0].PSObject.Properties.Name | Should -Not -Contain 'invoice_address'

        $ewa = Get-StateCustomer $Zielinski
        $ewa.Count | Should -Be 1
        $ewa[0].vip | Should -BeOfType ([bool])
        $ewa[0].vip | Should -BeFalse
    }

    It 'PascalCase headers bind like snake_case ones' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'pascal.csv') -Line @(
            'Surname,Name,Email,PhoneNumber,JobTitle,Address.City,Vip'
            "Kowalski,Jan,jan@a.pl,123456789,Manager,$Krakow,true"
            'Nowak,Anna,anna@a.pl;anna2@b.pl,+48501502503,,,0'
        )
        $results = @(Import-Csv -LiteralPath $csv -Encoding UTF8 | New-ThuliumCustomer -Confirm:$false)
        $results.Count | Should -Be 2
        @($results | Where-Object Succeeded).Count | Should -Be 2

        $jan = Get-StateCustomer 'Kowalski'
        $jan[0].name | Should -Be 'Jan'
        $jan[0].phone_number | Should -Be '123456789'
        $jan[0].job_title | Should -Be 'Manager'
        $jan[0].address.city | Should -Be $Krakow
        $jan[0].vip | Should -BeTrue
        $anna = Get-StateCustomer 'Nowak'
        @($anna[0].email).Count | Should -Be 2
        $anna[0].vip | Should -BeOfType ([bool])
        $anna[0].vip | Should -BeFalse
    }

    It 'a row without surname fails locally with no request for it; the others are sent' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'nosurname.csv') -Line @(
            'surname,name,email'
            'Kowalski,Jan,jan@a.pl'
            ',Bez,bez@a.pl'
            'Nowak,Anna,anna@a.pl'
        )
        $ev = $null
        $results = @(Import-Csv -LiteralPath $csv | New-ThuliumCustomer -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false, $true)
        $results[1].InputObject.name | Should -Be 'Bez'
        $results[1].HttpStatus | Should -BeNullOrEmpty
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $ev[0].TargetObject.name | Should -Be 'Bez'
        Get-SentItemCount | Should -Be 2
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 2
    }

    It 'an unknown column is reported by exactly one warning naming it, for a multi-row CSV' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'unknown.csv') -Line @(
            'surname,favourite_colour'
            'Kowalski,blue'
            'Nowak,red'
            'Lis,green'
        )
        $wv = $null
        $results = @(Import-Csv -LiteralPath $csv | New-ThuliumCustomer -Confirm:$false -WarningVariable wv -WarningAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | Where-Object Succeeded).Count | Should -Be 3
        @($wv).Count | Should -Be 1
        "$($wv[0])" | Should -Match 'favourite_colour'
    }

    It 'the unknown-column warning also arrives on stream 3 (3>&1), once' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'unknown3.csv') -Line @(
            'surname,shoe_size'
            'Kowalski,42'
            'Nowak,38'
        )
        $output = @(Import-Csv -LiteralPath $csv | New-ThuliumCustomer -Confirm:$false 3>&1)
        $warnings = @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match 'shoe_size'
        @($output | Where-Object { $_ -is [ThuliumPS.Results.CustomerCreationResult] }).Count | Should -Be 2
    }

    It 'a server-side rejection fails that row with the server''s message; the others are created' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'phone.csv') -Line @(
            'surname,phone_number'
            'Kowalski,123456789'
            'Nowak,abc'
            'Lis,+48600700800'
        )
        $ev = $null
        $results = @(Import-Csv -LiteralPath $csv | New-ThuliumCustomer -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false, $true)
        $results[1].Message | Should -Be 'Phone number must be numeric.'
        $results[1].HttpStatus | Should -Be 400
        $results[1].CustomerId | Should -BeNullOrEmpty
        $results[0].CustomerId | Should -BeGreaterThan 0
        $results[2].CustomerId | Should -BeGreaterThan 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumItemRejected*'
        $ev[0].TargetObject.surname | Should -Be 'Nowak'
        "$($ev[0].ErrorDetails.Message) $($ev[0].Exception.Message)" | Should -Match 'Phone number must be numeric\.'
        @((Get-ThuliumSandboxState).customers | ForEach-Object surname | Sort-Object) | Should -Be @('Kowalski', 'Lis')
        # All three went out in one batch: the rejection was the server's.
        Get-SentItemCount | Should -Be 3
    }

    It 'a whole-batch server failure fails every item of the batch (one result each), never silently dropped' {
        Set-ThuliumSandboxFault -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; times = 5; status = 500; body = '{"request_id":"r-1","errors":[{"message":"Internal error.","code":500}]}' })
        $rows = 'Kowalski', 'Nowak', 'Lis' | ForEach-Object { [pscustomobject]@{ surname = $_ } }
        $ev = $null
        $results = @($rows | New-ThuliumCustomer -Confirm:$false -MaximumRetryCount 0 -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object InputIndex) | Should -Be @(0, 1, 2)
        @($results | Where-Object Succeeded).Count | Should -Be 0
        @($ev).Count | Should -Be 3
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumServerError*'
        # -MaximumRetryCount 0: exactly one POST, and the failed batch stored nothing.
        @(Get-ThuliumSandboxRequest).Count | Should -Be 1
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 0
    }

    It 'failed rows can be exported: InputObject of the failed results are the original rows' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'export.csv') -Line @(
            'surname,name,phone_number'
            'Kowalski,Jan,123'
            ',NoSurname,456'
            'Nowak,Anna,abc'
        )
        $rows = @(Import-Csv -LiteralPath $csv)
        $results = @($rows | New-ThuliumCustomer -Confirm:$false -ErrorAction SilentlyContinue)
        $failed = @($results | Where-Object { -not $_.Succeeded } | ForEach-Object InputObject)
        $failed.Count | Should -Be 2
        $failed[0].name | Should -Be 'NoSurname'
        $failed[0].phone_number | Should -Be '456'
        $failed[1].surname | Should -Be 'Nowak'
        $failed[1].phone_number | Should -Be 'abc'

        $out = Join-Path $TestDrive 'failed.csv'
        $failed | Export-Csv -LiteralPath $out -NoTypeInformation -Encoding UTF8
        $again = @(Import-Csv -LiteralPath $out -Encoding UTF8)
        $again.Count | Should -Be 2
        @($again[0].PSObject.Properties.Name) | Should -Be @('surname', 'name', 'phone_number')
        $again[1].surname | Should -Be 'Nowak'
    }

    It 'the LARGE IMPORTS sample of about_ThuliumPS, run as written, writes the failed rows in the input''s columns' {
        # The sample as the staged help shows it: its first line and the indented lines that continue it.
        $help = @(Get-Content -LiteralPath (Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/en-US/about_ThuliumPS.help.txt'))
        $first = [array]::FindIndex($help, [Predicate[string]] { param($line) $line -match '^\s+Import-Csv big\.csv \| New-ThuliumCustomer \|' })
        $first | Should -BeGreaterThan 0
        $sample = @($help[$first])
        for ($i = $first + 1; $i -lt $help.Count -and $help[$i] -match '^\s{12,}\S'; $i++) { $sample += $help[$i] }
        $sample.Count | Should -BeGreaterThan 1

        $null = Write-TestCsv -Path (Join-Path $TestDrive 'big.csv') -Line @(
            'surname,name,email,phone_number,address.city'
            'Kowalski,Jan,jan@a.pl,123456789,Gdansk'
            ',NoSurname,no@a.pl,456,Gdansk'
            'Nowak,Anna,anna@a.pl,abc,Warszawa'
            'Lis,Ewa,ewa@a.pl,,'
        )
        Push-Location -LiteralPath $TestDrive
        try {
            # The sample's bad rows write errors, as they would at a console; here they are expected, not shown.
            & { $ErrorActionPreference = 'SilentlyContinue'; . ([scriptblock]::Create(($sample -join "`n"))) }
        }
        finally { Pop-Location }

        $failed = @(Import-Csv -LiteralPath (Join-Path $TestDrive 'failed.csv'))
        $failed.Count | Should -Be 2
        @($failed[0].PSObject.Properties.Name) | Should -Be @('surname', 'name', 'email', 'phone_number', 'address.city')
        $failed[0].name | Should -Be 'NoSurname'
        $failed[1].surname | Should -Be 'Nowak'
        $failed[1].phone_number | Should -Be 'abc'
        @(Get-StateCustomer -Surname 'Kowalski').Count + @(Get-StateCustomer -Surname 'Lis').Count | Should -Be 2
    }
}

Describe 'New-ThuliumCustomer with typed parameters' {
    BeforeEach {
        Reset-ThuliumSandbox
    }

    It 'sends -Surname -Name -Email a,b -Address -CustomField -Vip as given' {
        $result = New-ThuliumCustomer -Surname 'Kowalski' -Name 'Jan' -Email 'a@x.pl', 'b@x.pl' -Address @{ city = $Krakow } `
            -CustomField @{ $Zrodlo = 'web' } -Vip -Confirm:$false
        @($result).Count | Should -Be 1
        $result | Should -BeOfType ([ThuliumPS.Results.CustomerCreationResult])
        $result.Succeeded | Should -BeTrue
        $result.InputIndex | Should -Be 0
        $result.Surname | Should -Be 'Kowalski'
        $result.Name | Should -Be 'Jan'

        $c = Get-StateCustomer 'Kowalski'
        $c.Count | Should -Be 1
        $result.CustomerId | Should -Be ([long]$c[0].customer_id)
        @($c[0].email) | Should -Be @('a@x.pl', 'b@x.pl')
        $c[0].address.city | Should -Be $Krakow
        $c[0].custom_fields.$Zrodlo | Should -Be 'web'
        $c[0].vip | Should -BeTrue
    }

    It 'one e-mail is sent as a single value, and no -Vip never stores vip true' {
        $null = New-ThuliumCustomer -Surname 'Nowak' -Email 'a@x.pl' -Confirm:$false
        $c = Get-StateCustomer 'Nowak'
        $c[0].email | Should -BeOfType ([string])
        $c[0].email | Should -Be 'a@x.pl'
        $c[0].vip | Should -Not -BeTrue
    }

    It '-Vip:$false stores false (or nothing), never true' {
        $null = New-ThuliumCustomer -Surname 'Lis' -Vip:$false -Confirm:$false
        (Get-StateCustomer 'Lis')[0].vip | Should -Not -BeTrue
    }

    It 'names the customer in the ShouldProcess target: name and surname, or the surname alone' {
        $output = @(New-ThuliumCustomer -Name 'Jan' -Surname 'Kowalski' -Confirm:$false -Verbose 4>&1) +
            @(New-ThuliumCustomer -Surname 'Nowak' -Confirm:$false -Verbose 4>&1)
        $lines = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Performing*' } |
                ForEach-Object Message)
        $lines | Should -Be @(
            'Performing the operation "Create" on target "Customer ''Jan Kowalski''".'
            'Performing the operation "Create" on target "Customer ''Nowak''".'
        )
    }
}

Describe 'New-ThuliumCustomer | Remove-ThuliumCustomer' {
    BeforeEach {
        Reset-ThuliumSandbox
    }

    It 'round trip leaves no customers in the sandbox' {
        $rows = 'Kowalski', 'Nowak', 'Lis' | ForEach-Object { [pscustomobject]@{ surname = $_ } }
        $removed = @($rows | New-ThuliumCustomer -Confirm:$false | Remove-ThuliumCustomer -Force)
        $removed.Count | Should -Be 3
        @($removed | Where-Object Succeeded).Count | Should -Be 3
        $removed[0] | Should -BeOfType ([ThuliumPS.Results.CustomerRemovalResult])
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 0
        @(Get-ThuliumSandboxRequest | ForEach-Object method) | Should -Be @('POST', 'DELETE')
    }
}
