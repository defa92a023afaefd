#Requires -Version 5.1
# New-ThuliumCustomer -ResolveUnknown: a create whose answer was lost is checked on the server by -KeyProperty
# before its result is written — found once: Succeeded with that id; not found: sent again; found several times:
# stays Unknown, naming the ids. Answers are lost for real: the sandbox drops the connection before or after acting.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession
    $script:Temp = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-resolve-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Temp

    function Get-Journal { Join-Path $script:Temp ([guid]::NewGuid().ToString('N') + '.journal') }

    function Get-Identifier([string] $Identifier) {
        @((Get-ThuliumSandboxState).customers | Where-Object identifier -eq $Identifier)
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
    Remove-Item -LiteralPath $script:Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'New-ThuliumCustomer -ResolveUnknown' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'an answer lost after the server acted: found once by identifier, Succeeded with that id, created once' {
        Set-ThuliumSandboxFault -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; times = 1; drop = 'after' })
        $rows = 'A', 'B' | ForEach-Object { [pscustomobject]@{ surname = $_; identifier = "ID-$_" } }

        $results = @($rows | New-ThuliumCustomer -JournalPath (Get-Journal) -KeyProperty identifier -ResolveUnknown)

        @($results | ForEach-Object Outcome) | Should -Be @('Succeeded', 'Succeeded')
        $results[0].Message | Should -Match "checked by identifier 'ID-A'"
        $results[0].CustomerId | Should -Be (Get-Identifier 'ID-A')[0].customer_id
        (Get-Identifier 'ID-A').Count | Should -Be 1
        (Get-Identifier 'ID-B').Count | Should -Be 1
    }

    It 'an answer lost before the server acted: not found, sent again, created once' {
        Set-ThuliumSandboxFault -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; times = 1; drop = 'before' })

        $result = [pscustomobject]@{ surname = 'C'; identifier = 'ID-C' } | New-ThuliumCustomer -JournalPath (Get-Journal) -KeyProperty identifier -ResolveUnknown

        $result.Outcome | Should -Be 'Succeeded'
        $result.Message | Should -Match 'no customer with identifier .ID-C. was found, so it was sent again'
        (Get-Identifier 'ID-C').Count | Should -Be 1
        @(Get-ThuliumSandboxRequest | Where-Object method -eq 'POST').Count | Should -Be 2
    }

    It 'several customers with the key: stays Unknown and names them; nothing is sent again' {
        Add-ThuliumSandboxSeed -Customer @(@{ customer_id = 900; surname = 'Old'; identifier = 'ID-D' })
        Set-ThuliumSandboxFault -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; times = 1; drop = 'after' })

        $result = [pscustomobject]@{ surname = 'D'; identifier = 'ID-D' } | New-ThuliumCustomer -JournalPath (Get-Journal) -KeyProperty identifier -ResolveUnknown -ErrorAction SilentlyContinue

        $result.Outcome | Should -Be 'Unknown'
        $result.Message | Should -Match 'several customers match \(.*900.*\)'
        @(Get-ThuliumSandboxRequest | Where-Object method -eq 'POST').Count | Should -Be 1
    }

    It 'without -ResolveUnknown the lost answer stays Unknown' {
        Set-ThuliumSandboxFault -Rule @(@{ method = 'POST'; path = '/api/batch/customers'; times = 1; drop = 'after' })
        $result = [pscustomobject]@{ surname = 'E'; identifier = 'ID-E' } | New-ThuliumCustomer -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'Unknown'
    }

    It '-ResolveUnknown without a searchable -KeyProperty stops before sending anything' {
        { [pscustomobject]@{ surname = 'F' } | New-ThuliumCustomer -JournalPath (Get-Journal) -KeyProperty surname -ResolveUnknown -ErrorAction Stop } |
            Should -Throw '*-ResolveUnknown needs -KeyProperty identifier, email, phone_number or nip*'
        @(Get-ThuliumSandboxRequest | Where-Object method -eq 'POST').Count | Should -Be 0
    }
}
