#Requires -Version 5.1
# Remove-ThuliumCustomer: ids by value, -Id, objects with customer_id / CustomerId, missing ids, invalid ids.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Remove-ThuliumCustomer' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer (1..4 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })
    }

    It 'removes ids piped by value' {
        $results = @(1, 2, 3 | Remove-ThuliumCustomer -Force)
        $results.Count | Should -Be 3
        @($results | ForEach-Object CustomerId) | Should -Be @(1, 2, 3)
        @($results | ForEach-Object InputIndex) | Should -Be @(0, 1, 2)
        @($results | Where-Object Succeeded).Count | Should -Be 3
        $results[0] | Should -BeOfType ([ThuliumPS.Results.CustomerRemovalResult])
        Get-ThuliumSandboxCustomerId | Should -Be 4
        $requests = @(Get-ThuliumSandboxRequest)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'DELETE'
        $requests[0].target | Should -Match 'batch/customers'
        $requests[0].items | Should -Be 3
    }

    It 'removes ids given by -Id (strings accepted)' {
        $results = @(Remove-ThuliumCustomer -Id '2', 4 -Force)
        @($results | ForEach-Object CustomerId) | Should -Be @(2, 4)
        @($results | Where-Object Succeeded).Count | Should -Be 2
        Get-ThuliumSandboxCustomerId | Should -Be @(1, 3)
    }

    It 'removes by property name: objects with a <Column> column' -ForEach @(
        @{ Column = 'customer_id' }
        @{ Column = 'CustomerId' }
        @{ Column = 'Id' }
    ) {
        $rows = 1, 3 | ForEach-Object { [pscustomobject]@{ $Column = [string]$_; note = 'x' } }
        $results = @($rows | Remove-ThuliumCustomer -Force)
        $results.Count | Should -Be 2
        @($results | ForEach-Object CustomerId) | Should -Be @(1, 3)
        @($results | Where-Object Succeeded).Count | Should -Be 2
        Get-ThuliumSandboxCustomerId | Should -Be @(2, 4)
    }

    It 'a missing id is a failed item (ObjectNotFound) and the others are removed' {
        $ev = $null
        $results = @(1, 99, 2 | Remove-ThuliumCustomer -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false, $true)
        $results[1].CustomerId | Should -Be 99
        $results[1].HttpStatus | Should -Be 404
        $results[1].Message | Should -Be 'Customer not found.'
        $results[1].Outcome | Should -Be ([ThuliumPS.Results.ThuliumOutcome]::Failed)
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectNotFound*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        [string]$ev[0].TargetObject | Should -Be '99'
        Get-ThuliumSandboxCustomerId | Should -Be @(3, 4)
    }

    It '<Bad> is invalid input: failed item, InvalidData, never sent' -ForEach @(
        @{ Bad = 'abc' }
        @{ Bad = 0 }
        @{ Bad = -5 }
        @{ Bad = '1.5' }
    ) {
        $ev = $null
        $results = @(1, $Bad, 2 | Remove-ThuliumCustomer -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false, $true)
        $results[1].InputIndex | Should -Be 1
        $results[1].CustomerId | Should -BeNull -Because 'a refused id has no id: a 0 would look like a real one'
        $results[1].HttpStatus | Should -BeNullOrEmpty
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        [string]$ev[0].TargetObject | Should -Be ([string]$Bad)
        Get-SentItemCount | Should -Be 2
        foreach ($request in @(Get-ThuliumSandboxRequest)) {
            [uri]::UnescapeDataString($request.target) | Should -Not -Match ('customer_id\[\]=' + [regex]::Escape([string]$Bad) + '(&|$)')
        }
        Get-ThuliumSandboxCustomerId | Should -Be @(3, 4)
    }

    It 'an invalid id leaves CustomerId blank in Export-Csv and null in ConvertTo-Json, as the other cmdlets do' {
        $results = @(Remove-ThuliumCustomer 1, 'x' -Force -ErrorAction SilentlyContinue)
        $rows = @($results | Select-Object InputIndex, CustomerId | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv)
        $rows[0].CustomerId | Should -Be '1'
        $rows[1].CustomerId | Should -BeNullOrEmpty -Because 'an empty cell (a 0 would look like a real id)'
        ($results[1] | Select-Object CustomerId | ConvertTo-Json -Compress) | Should -Be '{"CustomerId":null}'
    }

    It 'only invalid ids: no request at all' {
        $results = @('abc', 0 | Remove-ThuliumCustomer -Force -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 2
        @($results | Where-Object Succeeded).Count | Should -Be 0
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }
}
