#Requires -Version 5.1
# Add-ThuliumFieldGroupItem: -Value hashtable, value objects (field_id/value), CSV field columns, unknown customer
# or group, bad field id, one request per item; rows that would lose something without a word (a field given twice,
# the Value property, columns that map to nothing, a refused row's ids).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    function Get-StateItem {
        param([long] $CustomerId)
        @((Get-ThuliumSandboxState).field_group_items | Where-Object { [long]$_.customer_id -eq $CustomerId })
    }

    # The item's values as a hashtable field_id -> value (string), whatever order they were sent in.
    function Get-ItemValueMap {
        param($Item)
        $map = @{}
        foreach ($v in @($Item.values)) { $map[[long]$v.field_id] = [string]$v.value }
        $map
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Add-ThuliumFieldGroupItem' {
    BeforeEach {
        Reset-ThuliumSandbox
        # Customers 441, 442, 445; field group 2 with fields 8, 10, 12.
        Add-ThuliumSandboxDemoSeed
    }

    It '-GroupId 2 -CustomerId 441 -Value @{8=''x''; 10=''y''} stores an item with those values' {
        $result = Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId 441 -Value @{ 8 = 'x'; 10 = 'y' } -Confirm:$false
        @($result).Count | Should -Be 1
        $result | Should -BeOfType ([ThuliumPS.Results.FieldGroupItemCreationResult])
        $result.Succeeded | Should -BeTrue
        $result.GroupId | Should -Be 2
        $result.CustomerId | Should -Be 441
        $result.InputIndex | Should -Be 0

        $items = Get-StateItem 441
        $items.Count | Should -Be 1
        [long]$items[0].group_id | Should -Be 2
        $result.ItemId | Should -Be ([long]$items[0].item_id)
        $map = Get-ItemValueMap $items[0]
        $map.Count | Should -Be 2
        $map[[long]8] | Should -Be 'x'
        $map[[long]10] | Should -Be 'y'
    }

    It '-Value as objects with field_id / value' {
        $values = @([pscustomobject]@{ field_id = 8; value = '3' }, [pscustomobject]@{ field_id = 12; value = 'Phone' })
        $result = Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId 442 -Value $values -Confirm:$false
        $result.Succeeded | Should -BeTrue
        $map = Get-ItemValueMap (Get-StateItem 442)[0]
        $map.Count | Should -Be 2
        $map[[long]8] | Should -Be '3'
        $map[[long]12] | Should -Be 'Phone'
    }

    It 'piped objects with group_id / customer_id / values: one result per object, in order' {
        $rows = 441, 442, 445 | ForEach-Object {
            [pscustomobject]@{ group_id = 2; customer_id = $_; values = @([pscustomobject]@{ field_id = 10; value = "c$_" }) }
        }
        $results = @($rows | Add-ThuliumFieldGroupItem -Confirm:$false)
        $results.Count | Should -Be 3
        @($results | ForEach-Object CustomerId) | Should -Be @(441, 442, 445)
        @($results | ForEach-Object InputIndex) | Should -Be @(0, 1, 2)
        @($results | Where-Object Succeeded).Count | Should -Be 3
        (Get-ItemValueMap (Get-StateItem 445)[0])[[long]10] | Should -Be 'c445'
    }

    It 'sends one request per item (log count = items)' {
        $rows = 441, 442, 445, 441 | ForEach-Object {
            [pscustomobject]@{ group_id = 2; customer_id = $_; values = @([pscustomobject]@{ field_id = 8; value = '1' }) }
        }
        $null = $rows | Add-ThuliumFieldGroupItem -Confirm:$false
        $requests = @(Get-ThuliumSandboxRequest)
        $requests.Count | Should -Be 4
        @($requests | Where-Object { $_.method -eq 'POST' -and $_.target -match 'customer_field_group_items' }).Count | Should -Be 4
        @((Get-ThuliumSandboxState).field_group_items).Count | Should -Be 4
    }

    It 'an unknown customer is a failed item (ObjectNotFound); the others are added' {
        $ev = $null
        $results = @(441, 999, 442 | ForEach-Object { [pscustomobject]@{ group_id = 2; customer_id = $_; values = @([pscustomobject]@{ field_id = 8; value = '1' }) } } |
                Add-ThuliumFieldGroupItem -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false, $true)
        $results[1].HttpStatus | Should -Be 404
        $results[1].ItemId | Should -BeNullOrEmpty
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectNotFound*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $ev[0].TargetObject.customer_id | Should -Be 999
        @((Get-ThuliumSandboxState).field_group_items).Count | Should -Be 2
    }

    It 'an unknown group is a failed item (ObjectNotFound)' {
        $ev = $null
        $result = Add-ThuliumFieldGroupItem -GroupId 77 -CustomerId 441 -Value @{ 8 = 'x' } -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $result.Succeeded | Should -BeFalse
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectNotFound*'
        @((Get-ThuliumSandboxState).field_group_items).Count | Should -Be 0
    }

    It 'a field id not in the group is a failed item with the server''s message' {
        $ev = $null
        $result = Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId 441 -Value @{ 8 = 'x'; 99 = 'y' } -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        @($result).Count | Should -Be 1
        $result.Succeeded | Should -BeFalse
        $result.HttpStatus | Should -Be 400
        $result.Message | Should -Match '99'
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Match '^(ThuliumItemRejected|ThuliumInvalidInput)'
        @((Get-ThuliumSandboxState).field_group_items).Count | Should -Be 0
    }

    It 'an invalid customer id (<Bad>) fails locally, without a request' -ForEach @(
        @{ Bad = 'abc' }
        @{ Bad = 0 }
    ) {
        $ev = $null
        $result = Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId $Bad -Value @{ 8 = 'x' } -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $result.Succeeded | Should -BeFalse
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }
}

# Everything that depends on the CSV column convention for field values (field.<id>) lives here, so it can be
# aligned in one place when the convention is final.
Describe 'Add-ThuliumFieldGroupItem: field columns from CSV' -Tag 'FieldColumns' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxDemoSeed
    }

    It 'CSV rows group_id,customer_id,field.8,field.10 add one item per row with those values' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'items.csv') -Line @(
            'group_id,customer_id,field.8,field.10'
            '2,441,5,first'
            '2,442,7,second'
        )
        $results = @(Import-Csv -LiteralPath $csv | Add-ThuliumFieldGroupItem -Confirm:$false)
        $results.Count | Should -Be 2
        @($results | Where-Object Succeeded).Count | Should -Be 2
        @($results | ForEach-Object CustomerId) | Should -Be @(441, 442)
        @(Get-ThuliumSandboxRequest).Count | Should -Be 2

        $first = Get-ItemValueMap (Get-StateItem 441)[0]
        $first.Count | Should -Be 2
        $first[[long]8] | Should -Be '5'
        $first[[long]10] | Should -Be 'first'
        $second = Get-ItemValueMap (Get-StateItem 442)[0]
        $second[[long]8] | Should -Be '7'
        $second[[long]10] | Should -Be 'second'
    }

    It 'an empty field cell is not sent' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'empty.csv') -Line @(
            'group_id,customer_id,field.8,field.10'
            '2,441,5,'
        )
        $result = Import-Csv -LiteralPath $csv | Add-ThuliumFieldGroupItem -Confirm:$false
        $result.Succeeded | Should -BeTrue
        $map = Get-ItemValueMap (Get-StateItem 441)[0]
        $map.Count | Should -Be 1
        $map[[long]8] | Should -Be '5'
    }

    It 'a field column whose id is not in the group fails that row; the others are added' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'badfield.csv') -Line @(
            'group_id,customer_id,field.8,field.99'
            '2,441,5,'
            '2,442,6,oops'
        )
        $ev = $null
        $results = @(Import-Csv -LiteralPath $csv | Add-ThuliumFieldGroupItem -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false)
        @($ev).Count | Should -Be 1
        $ev[0].TargetObject.customer_id | Should -Be '442'
    }

    It 'a row with no field value at all fails locally (InvalidInput), without a request' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'novalue.csv') -Line @(
            'group_id,customer_id,field.8,field.10'
            '2,441,,'
            '2,442,1,'
        )
        $ev = $null
        $results = @(Import-Csv -LiteralPath $csv | Add-ThuliumFieldGroupItem -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Succeeded) | Should -Be @($false, $true)
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 1
    }
}

# Rows that would otherwise lose something without a word (about_ThuliumPS, CSV CONVENTIONS): a field given twice,
# values under the documented Value property, columns that map to nothing, the ids of a refused row.
Describe 'Add-ThuliumFieldGroupItem: nothing lost without a word' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxDemoSeed
    }

    It 'one field in two columns: different values fail that row naming both, equal values are sent once' {
        $ev = $null
        $rows = @(
            [pscustomobject]@{ customer_id = 441; 'field.8' = 'a'; 'field_8' = 'b' }
            [pscustomobject]@{ customer_id = 442; 'field.8' = 'c'; 'field_8' = 'c' }
        )
        $results = @($rows | Add-ThuliumFieldGroupItem -GroupId 2 -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Outcome) | Should -Be @('Failed', 'Succeeded')
        $results[0].Message | Should -Be "Columns 'field.8' and 'field_8' name the same field with different values ('a', 'b'); keep one of them."
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 1
        @((Get-StateItem 442)[0].values).Count | Should -Be 1
        (Get-ItemValueMap (Get-StateItem 442)[0])[[long]8] | Should -Be 'c'
    }

    It '-Value with keys 8 and ''8'' of different values fails without a request, naming both keys' {
        $value = @{ 8 = 'a' }
        $value['8'] = 'b'   # a literal cannot hold both keys; a hashtable built in steps (or read from data) can
        $ev = $null
        $result = Add-ThuliumFieldGroupItem -GroupId 2 -CustomerId 441 -Value $value -ErrorVariable ev -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'Failed'
        $result.Message | Should -Match ([regex]::Escape("'values[8]'"))
        $result.Message | Should -Match ([regex]::Escape("'values[""8""]'"))
        $result.Message | Should -Match 'name the same field with different values'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'a piped object with GroupId, CustomerId and <Name> (as INPUTS in the help says) is added' -ForEach @(
        @{ Name = 'Value' }
        @{ Name = 'value' }
        @{ Name = 'VALUE' }
    ) {
        $row = [pscustomobject]@{ GroupId = 2; CustomerId = 441; $Name = @{ 8 = 'a' } }
        $result = $row | Add-ThuliumFieldGroupItem
        $result.Outcome | Should -Be 'Succeeded'
        (Get-ItemValueMap (Get-StateItem 441)[0])[[long]8] | Should -Be 'a'
    }

    It 'each column that maps to nothing gives one warning per command, naming it; the rows are still added' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'extra.csv') -Line @(
            'customer_id,field.8,note,GroupIdX,feld.8'
            '441,1,x,3,q'
            '442,2,y,3,r'
            '445,3,z,3,s'
        )
        $wv = $null
        $results = @(Import-Csv -LiteralPath $csv | Add-ThuliumFieldGroupItem -GroupId 2 -WarningVariable wv -WarningAction SilentlyContinue)
        @($results | Where-Object Succeeded).Count | Should -Be 3
        @($wv | ForEach-Object Message) | Should -Be @(
            "Column 'note' maps to nothing in a field group item (group_id, customer_id, values, field.<id>) and is ignored."
            "Column 'GroupIdX' maps to nothing in a field group item (group_id, customer_id, values, field.<id>) and is ignored."
            "Column 'feld.8' maps to nothing in a field group item (group_id, customer_id, values, field.<id>) and is ignored."
        )
    }

    It 'a refused row keeps the ids it gave on its result' {
        $rows = @(
            [pscustomobject]@{ customer_id = 441; 'field.abc' = 'x' }
            [pscustomobject]@{ customer_id = 'abc'; 'field.8' = 'x' }
        )
        $results = @($rows | Add-ThuliumFieldGroupItem -GroupId 2 -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Outcome) | Should -Be @('Failed', 'Failed')
        ($results[0].GroupId, $results[0].CustomerId) | Should -Be @(2, 441)
        $results[1].GroupId | Should -Be 2
        $results[1].CustomerId | Should -BeNullOrEmpty
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'a refused id or field id is named once, as the column reads' {
        $rows = @(
            [pscustomobject]@{ customer_id = 441; 'field.abc' = 'x' }
            [pscustomobject]@{ customer_id = 'abc'; 'field.8' = 'x' }
        )
        $results = @($rows | Add-ThuliumFieldGroupItem -GroupId 2 -ErrorAction SilentlyContinue)
        $results[0].Message | Should -Be "Column 'field.abc': 'abc' is not a field id (a positive whole number)."
        $results[1].Message | Should -Be "Column 'customer_id': 'abc' is not a positive whole number."
    }
}
