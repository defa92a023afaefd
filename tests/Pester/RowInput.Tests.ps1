#Requires -Version 5.1
# Rows as admins pipe them: every cmdlet reads a piped row's columns by one rule (case, '_', '-' and spaces do not
# matter); a row that would otherwise lose something without a word is refused with a message that says what to do.
# The file is kept ASCII (Windows PowerShell 5.1 reads BOM-less files as ANSI): Polish letters are built from code points.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession
    $script:Examples = Join-Path (Get-RepositoryRoot) 'examples'
    $script:Zrodlo = [string][char]0x0179 + 'r' + [char]0x00F3 + 'd' + [char]0x0142 + 'o'
    $script:Temp = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-rows-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Temp

    function Get-ApiRequest { @(Get-ThuliumSandboxRequest | Where-Object method -ne 'GET') }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
    Remove-Item -LiteralPath $script:Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Add-ThuliumFieldGroupItem with piped rows' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxDemoSeed
    }

    It 'the README line: Import-Csv examples/field-group-items.csv | Add-ThuliumFieldGroupItem -GroupId 2' {
        $ev = $null
        $results = @(Import-Csv (Join-Path $script:Examples 'field-group-items.csv') | Add-ThuliumFieldGroupItem -GroupId 2 -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Outcome) | Should -Be @('Succeeded', 'Succeeded', 'Failed')   # customer 999 does not exist
        @($ev).Count | Should -Be 1
        $items = @((Get-ThuliumSandboxState).field_group_items)
        $items.Count | Should -Be 2
        foreach ($result in $results[0..1]) {
            # Requests run in parallel, so ids follow arrival order: match each result to its customer's item.
            $result.ItemId | Should -Be @($items | Where-Object customer_id -eq $result.CustomerId)[0].item_id
        }
    }

    It 'a piped hashtable with group_id, customer_id and field.8 is added' {
        $result = @{ group_id = 2; customer_id = 442; 'field.8' = 5 } | Add-ThuliumFieldGroupItem
        $result.Succeeded | Should -BeTrue
        $item = @((Get-ThuliumSandboxState).field_group_items)[0]
        $item.customer_id | Should -Be 442
        @($item.values)[0].field_id | Should -Be 8
    }

    It 'a row naming another group than -GroupId is refused, naming both; rows without group_id take -GroupId' {
        $ev = $null
        $rows = @(
            [pscustomobject]@{ group_id = '2'; customer_id = '441'; 'field.8' = '1' }
            [pscustomobject]@{ group_id = ''; customer_id = '442'; 'field.8' = '2' }
        )
        $results = @($rows | Add-ThuliumFieldGroupItem -GroupId 3 -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results[0].Outcome | Should -Be 'Failed'
        $results[0].Message | Should -Match 'group id 2 but -GroupId is 3'
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $results[1].GroupId | Should -Be 3   # sent to group 3, which the sandbox does not have
        @(Get-ApiRequest).Count | Should -Be 1
    }
}

Describe 'Remove-ThuliumCrmRecord with piped rows' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxDemoSeed
    }

    It 'rows naming another campaign than -CampaignId are refused, not sent to -CampaignId' {
        $ev = $null
        $results = @(Import-Csv (Join-Path $script:Examples 'crm-records.csv') | Remove-ThuliumCrmRecord -CampaignId 3 -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 4
        @($results | ForEach-Object Outcome) | Should -Be @('Failed', 'Failed', 'Failed', 'Failed')
        $results[0].Message | Should -Match 'campaign id 00001 but -CampaignId is 00003'
        @($results | Where-Object { $_.Status -ne 'InvalidInput' }).Count | Should -Be 1   # row 4 names 00003: sent, no such record
        @(Get-ApiRequest | Where-Object { $_.target -match '0000[12]' }).Count | Should -Be 0
        @((Get-ThuliumSandboxState).campaigns | Where-Object id -in '00001', '00002' | ForEach-Object { @($_.records).Count }) | Should -Be @(2, 2)
    }

    It 'header names are trimmed and matched by the same rule as everywhere: '' Campaign_ID '', ''Customer-Id''' {
        $csv = Write-TestCsv -Path (Join-Path $script:Temp 'records.csv') -Line @(' Campaign_ID ,Customer-Id', '1,441', '3,442')
        $results = @(Import-Csv $csv | Remove-ThuliumCrmRecord -Force)
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $true)
        @($results | ForEach-Object CampaignId) | Should -Be @('00001', '00003')
    }
}

Describe 'Column and file problems are told, not swallowed' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'two columns for one field with different values fail that row, naming both: <First> / <Second>' -ForEach @(
        @{ First = 'phone_number'; Second = 'PhoneNumber' }
        @{ First = 'custom_fields.Kanal'; Second = 'CustomFields.Kanal' }
    ) {
        $rows = @(
            [pscustomobject]@{ surname = 'A'; $First = '111'; $Second = '222' }
            [pscustomobject]@{ surname = 'B'; $First = '333'; $Second = '' }
            [pscustomobject]@{ surname = 'C'; $First = '444'; $Second = '444' }
        )
        $results = @($rows | New-ThuliumCustomer -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Outcome) | Should -Be @('Failed', 'Succeeded', 'Succeeded')
        $results[0].Message | Should -BeLike "*'$First' and '$Second'*"
        $stored = @((Get-ThuliumSandboxState).customers)
        $stored.Count | Should -Be 2
        ($stored | ConvertTo-Json -Depth 5) | Should -Match '333'
    }

    It 'a file read with the wrong encoding is refused row by row (U+FFFD), nothing damaged is sent' {
        $path = Join-Path $script:Temp 'cp1250.csv'
        $encoding = [System.Text.CodePagesEncodingProvider]::Instance.GetEncoding(1250)
        [System.IO.File]::WriteAllText($path, "name,surname`r`nJan,W" + [char]0x00F3 + "jcik`r`nAnna,Nowak`r`n", $encoding)

        $results = @(Import-Csv $path -Encoding utf8 | New-ThuliumCustomer -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Outcome) | Should -Be @('Failed', 'Succeeded')
        $results[0].Message | Should -Match 'U\+FFFD'
        $results[0].Message | Should -Match 'Import-Csv -Encoding'
        @((Get-ThuliumSandboxState).customers | ForEach-Object surname) | Should -Be @('Nowak')
    }

    It 'a '';''-delimited file read with the default delimiter says to use -Delimiter '';''' {
        $csv = Write-TestCsv -Path (Join-Path $script:Temp 'semicolon.csv') -Line @('name;surname', 'Jan;Kowalski')
        $result = Import-Csv $csv | New-ThuliumCustomer -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'Failed'
        $result.Message | Should -Match "Import-Csv -Delimiter ';'"
        @(Get-ApiRequest).Count | Should -Be 0
    }

    It 'failed creates piped into Remove-ThuliumCustomer: "empty", not "missing"' {
        $failed = @{ surname = '' } | New-ThuliumCustomer -ErrorAction SilentlyContinue
        $result = $failed | Remove-ThuliumCustomer -Force -ErrorAction SilentlyContinue
        $result.Message | Should -Match "customer id is empty: column 'CustomerId' has no value"
    }

    It 'a row without any customer id column names the columns it has' {
        $result = [pscustomobject]@{ client_id = '12'; name = 'x' } | Remove-ThuliumCustomer -Force -ErrorAction SilentlyContinue
        $result.Message | Should -Match 'no customer_id or id column'
        $result.Message | Should -Match 'it has: client_id, name'
    }
}

Describe 'Every property of a piped object is read, however it was added' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'a script property added with Add-Member is read (PowerShell evaluates it)' {
        $row = [pscustomobject]@{ name = 'Jan' } | Add-Member -MemberType ScriptProperty -Name surname -Value { 'Script' + 'Owy' } -PassThru
        ($row | New-ThuliumCustomer).Succeeded | Should -BeTrue
        @((Get-ThuliumSandboxState).customers)[0].surname | Should -Be 'ScriptOwy'
    }

    It 'a property that type data adds to every PSCustomObject is read' {
        Update-TypeData -TypeName System.Management.Automation.PSCustomObject -MemberType ScriptProperty -MemberName job_title -Value { 'FromTypeData' } -Force
        try {
            ([pscustomobject]@{ surname = 'Typed' } | New-ThuliumCustomer).Succeeded | Should -BeTrue
        }
        finally {
            Remove-TypeData -TypeName System.Management.Automation.PSCustomObject
        }
        @((Get-ThuliumSandboxState).customers)[0].job_title | Should -Be 'FromTypeData'
    }

    It 'a property that type data adds to an object''s own type name is read' {
        Update-TypeData -TypeName ThuliumPS.Tests.Row -MemberType ScriptProperty -MemberName job_title -Value { 'FromOwnType' } -Force
        try {
            ([pscustomobject]@{ PSTypeName = 'ThuliumPS.Tests.Row'; surname = 'Own' } | New-ThuliumCustomer).Succeeded | Should -BeTrue
        }
        finally {
            Remove-TypeData -TypeName ThuliumPS.Tests.Row
        }
        @((Get-ThuliumSandboxState).customers)[0].job_title | Should -Be 'FromOwnType'
    }

    It 'a script property that itself pipes a row into a ThuliumPS command does not disturb the row being read' {
        # Reading the property runs its script on this thread, in the middle of reading the outer row.
        $row = [pscustomobject]@{ surname = 'Outer'; name = 'Jan' } |
            Add-Member -MemberType ScriptProperty -Name note -Value { $null = [pscustomobject]@{ surname = 'Inner'; email = 'in@x.pl'; phone_number = '1' } | New-ThuliumCustomer -WhatIf; 'from a script' } -PassThru
        $result = $row | New-ThuliumCustomer
        $result.Succeeded | Should -BeTrue
        $stored = @((Get-ThuliumSandboxState).customers)
        $stored.Count | Should -Be 1
        $stored[0].surname | Should -Be 'Outer'
        $stored[0].name | Should -Be 'Jan'
        $stored[0].note | Should -Be 'from a script'
    }

    It 'rows with different headers in one pipeline each keep all their columns' {
        $rows = @([pscustomobject]@{ surname = 'A' }, [pscustomobject]@{ surname = 'B'; phone_number = '123' }, @{ surname = 'C'; email = 'c@x.pl' })
        @($rows | New-ThuliumCustomer | ForEach-Object Succeeded) | Should -Be @($true, $true, $true)
        $stored = @((Get-ThuliumSandboxState).customers)
        ($stored | Where-Object surname -eq 'B').phone_number | Should -Be '123'
        ($stored | Where-Object surname -eq 'C').email | Should -Be 'c@x.pl'
    }
}

Describe 'Reading rows leaves nothing behind' {
    It 'piping 20,000 rows leaves no GC handle per row (the public PSObject.TypeNames getter registers one per object)' {
        if ($PSVersionTable.PSEdition -ne 'Core') {
            Set-ItResult -Skipped -Because 'the runtime''s GC events reach an in-process EventListener only on .NET (PowerShell 7)'
            return
        }

        # The runtime reports the number of GC handles after each collection (GCHeapStats); a listener in this
        # process reads it. Before the fix every Import-Csv row left one handle behind, and every collection of a
        # large import scanned them all.
        Add-Type -ReferencedAssemblies 'System.Diagnostics.Tracing', 'System.Runtime', 'System.Collections', 'System.Threading', 'netstandard' -TypeDefinition @'
namespace ThuliumPSTests
{
    using System;
    using System.Diagnostics.Tracing;
    using System.Threading;

    public sealed class GcHandleCounter : EventListener
    {
        private long handles = -1;
        private long reports;

        public long Reports { get { return Interlocked.Read(ref reports); } }
        public long Handles { get { return Interlocked.Read(ref handles); } }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") { EnableEvents(source, EventLevel.Informational, (EventKeywords)1); }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == null || !e.EventName.StartsWith("GCHeapStats", StringComparison.Ordinal)) { return; }
            var at = e.PayloadNames.IndexOf("GCHandleCount");
            if (at >= 0) { Interlocked.Exchange(ref handles, Convert.ToInt64(e.Payload[at])); Interlocked.Increment(ref reports); }
        }
    }
}
'@
        $counter = [ThuliumPSTests.GcHandleCounter]::new()
        try {
            function Get-HandleCountAfterCollection {
                $seen = $counter.Reports
                [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
                $deadline = [DateTime]::UtcNow.AddSeconds(10)
                while ($counter.Reports -le $seen -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $counter.Reports | Should -BeGreaterThan $seen -Because 'the runtime reports its heap after a collection'
                $counter.Handles
            }

            # Rows without a surname are refused locally: every row is read, nothing is sent, no connection is needed.
            $rows = 1..20000 | ForEach-Object { [pscustomobject]@{ name = "Jan$_"; email = "jan$_@example.com" } }
            $before = Get-HandleCountAfterCollection
            $results = $rows | New-ThuliumCustomer -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 20000
            $after = Get-HandleCountAfterCollection
            ($after - $before) | Should -BeLessThan 2000
        }
        finally {
            $counter.Dispose()
        }
    }
}

Describe 'Results of refused rows identify the row and can be fed back' {
    BeforeEach { Reset-ThuliumSandbox }

    It 'a row refused locally still carries its Name and Surname' {
        $result = [pscustomobject]@{ name = 'Jan'; surname = 'Kowalski'; vip = 'maybe' } | New-ThuliumCustomer -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'Failed'
        $result.Name | Should -Be 'Jan'
        $result.Surname | Should -Be 'Kowalski'
    }

    It 'the failed rows'' InputObjects, exported with Export-Csv and fixed, create the customers on a re-run' {
        $results = @(Import-Csv (Join-Path $script:Examples 'customers.csv') -Encoding utf8 | New-ThuliumCustomer -ErrorAction SilentlyContinue)
        $failedCsv = Join-Path $script:Temp 'failed.csv'
        $results | Where-Object Outcome -ne 'Succeeded' | ForEach-Object InputObject | Export-Csv $failedCsv -NoTypeInformation -Encoding utf8
        $log = Join-Path $script:Temp 'results.csv'
        $results | Export-Csv $log -NoTypeInformation -Encoding utf8
        @(Import-Csv $log | Where-Object Outcome -eq 'Failed' | ForEach-Object Surname) | Should -Contain 'Lewandowski'

        $fixed = @(Import-Csv $failedCsv -Encoding utf8 | ForEach-Object {
                if ($_.surname -eq '') { $_.surname = 'Dudek' }
                if ($_.phone_number -eq 'abc') { $_.phone_number = '' }
                if ($_.vip -eq 'maybe') { $_.vip = 'no' }
                $_
            })
        $again = @($fixed | New-ThuliumCustomer)
        @($again | Where-Object Succeeded).Count | Should -Be $fixed.Count
        @((Get-ThuliumSandboxState).customers).Count | Should -Be 6
    }

    It 'a failed typed call''s InputObject, corrected and piped back, keeps its custom fields (no warning)' {
        $failed = New-ThuliumCustomer -Surname 'X' -CustomField @{ $script:Zrodlo = 'web' } -PhoneNumber 'abc' -ErrorAction SilentlyContinue
        $failed.Outcome | Should -Be 'Failed'
        $failed.InputObject['PhoneNumber'] = '123'
        $warnings = $null
        $again = $failed.InputObject | New-ThuliumCustomer -WarningVariable warnings
        $again.Succeeded | Should -BeTrue
        @($warnings).Count | Should -Be 0
        $stored = @((Get-ThuliumSandboxState).customers)[0]
        $stored.custom_fields.$($script:Zrodlo) | Should -Be 'web'
    }

    It 'ConvertTo-Json shows the Outcome as a word' {
        $result = @{ surname = '' } | New-ThuliumCustomer -ErrorAction SilentlyContinue
        ($result | ConvertTo-Json -Depth 2) | Should -Match '"Outcome":\s*"Failed"'
    }
}

Describe 'DataRows (Invoke-Sqlcmd) as rows' {
    BeforeEach { Reset-ThuliumSandbox }

    BeforeAll {
        function New-CustomerTable {
            $table = [System.Data.DataTable]::new('customers')
            $null = $table.Columns.Add('surname', [string])
            $null = $table.Columns.Add('vip', [bool])
            $null = $table.Columns.Add('company_id', [int])
            $null = $table.Rows.Add('Full', $true, 5)
            $null = $table.Rows.Add('Nulls', [DBNull]::Value, [DBNull]::Value)
            , $table
        }
    }

    It 'reads a DataRow''s columns (not DataRow''s own members) and leaves NULLs out like empty cells' {
        $table = New-CustomerTable
        $ev = $null
        $results = @($table | New-ThuliumCustomer -Confirm:$false -ErrorVariable ev -WarningVariable warned -WarningAction SilentlyContinue)

        @($results | ForEach-Object Outcome) | Should -Be @('Succeeded', 'Succeeded') -Because "$($results.Message)"
        @($ev).Count | Should -Be 0
        @($warned).Count | Should -Be 0 -Because "no column should be reported as unmapped: $($warned -join '; ')"
        $stored = @((Get-ThuliumSandboxState).customers)
        $full = $stored | Where-Object surname -eq 'Full'
        $full.vip | Should -BeTrue
        $full.company_id | Should -Be 5
        $nulls = $stored | Where-Object surname -eq 'Nulls'
        $nulls.PSObject.Properties.Name | Should -Not -Contain 'vip'
        $nulls.PSObject.Properties.Name | Should -Not -Contain 'company_id'
    }

    It 'leaves NULLs out of objects selected from DataRows too' {
        $table = New-CustomerTable
        $results = @($table | Select-Object surname, vip, company_id | New-ThuliumCustomer -Confirm:$false -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Outcome) | Should -Be @('Succeeded', 'Succeeded') -Because "$($results.Message)"
    }
}
