#Requires -Version 5.1
# Remove-ThuliumCrmRecord: campaigns interleaved in a CSV (one request per campaign batch, results in input order),
# typed parameters, NOT_EXIST, CALL_IN_PROGRESS, unknown campaign, invalid ids.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    function Get-StateRecordCustomerId {
        param([string] $CampaignId)
        $campaign = @((Get-ThuliumSandboxState).campaigns | Where-Object { $_.id -eq $CampaignId })
        @($campaign[0].records | ForEach-Object { [long]$_.customer_id } | Sort-Object)
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Remove-ThuliumCrmRecord' {
    BeforeEach {
        Reset-ThuliumSandbox
        # 00001: 441 (5235), 442 (5236); 00002: 441 (5237), 445 (5238, in a call); 00003: 442 (5239)
        Add-ThuliumSandboxDemoSeed
    }

    It 'CSV with two campaigns interleaved: one request per campaign, results in input order' {
        $csv = Write-TestCsv -Path (Join-Path $TestDrive 'records.csv') -Line @(
            'campaign_id,customer_id'
            '00001,441'
            '00003,442'
            '00001,442'
            '00003,999'
            '00001,445'
        )
        $rows = @(Import-Csv -LiteralPath $csv)
        $ev = $null
        $results = @($rows | Remove-ThuliumCrmRecord -Force -ErrorVariable ev -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 5
        $results[0] | Should -BeOfType ([ThuliumPS.Results.CrmRecordRemovalResult])
        @($results | ForEach-Object InputIndex) | Should -Be @(0, 1, 2, 3, 4)
        @($results | ForEach-Object CampaignId) | Should -Be @('00001', '00003', '00001', '00003', '00001')
        @($results | ForEach-Object CustomerId) | Should -Be @(441, 442, 442, 999, 445)
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $true, $true, $false, $false)
        @($results | ForEach-Object Status) | Should -Be @('REMOVED', 'REMOVED', 'REMOVED', 'NOT_EXIST', 'NOT_EXIST')
        $results[0].RecordId | Should -Be 5235
        $results[1].RecordId | Should -Be 5239
        $results[2].RecordId | Should -Be 5236
        for ($i = 0; $i -lt 5; $i++) {
            $results[$i].InputObject.campaign_id | Should -Be $rows[$i].campaign_id
            $results[$i].InputObject.customer_id | Should -Be $rows[$i].customer_id
        }

        $requests = @(Get-ThuliumSandboxRequest)
        $requests.Count | Should -Be 2
        $targets = @(Get-RequestTarget)
        @($targets | Where-Object { $_ -match '/batch/crm_outbounds/00001/records\?' }).Count | Should -Be 1
        @($targets | Where-Object { $_ -match '/batch/crm_outbounds/00003/records\?' }).Count | Should -Be 1
        ($requests | Where-Object { $_.target -match '00001' }).items | Should -Be 3
        ($requests | Where-Object { $_.target -match '00003' }).items | Should -Be 2

        @($ev).Count | Should -Be 2
        @($ev | ForEach-Object { $_.FullyQualifiedErrorId -like 'ThuliumObjectNotFound*' }) | Should -Be @($true, $true)
        Get-StateRecordCustomerId '00001' | Should -BeNullOrEmpty
        Get-StateRecordCustomerId '00003' | Should -BeNullOrEmpty
        Get-StateRecordCustomerId '00002' | Should -Be @(441, 445)
    }

    It '-CampaignId 00001 -CustomerId 441,442 removes both in one request' {
        $results = @(Remove-ThuliumCrmRecord -CampaignId 00001 -CustomerId 441, 442 -Force)
        $results.Count | Should -Be 2
        @($results | ForEach-Object CustomerId) | Should -Be @(441, 442)
        @($results | ForEach-Object RecordId) | Should -Be @(5235, 5236)
        @($results | ForEach-Object CampaignId) | Should -Be @('00001', '00001')
        @($results | Where-Object Succeeded).Count | Should -Be 2
        $requests = @(Get-ThuliumSandboxRequest)
        $requests.Count | Should -Be 1
        $requests[0].method | Should -Be 'DELETE'
        $requests[0].items | Should -Be 2
        Get-StateRecordCustomerId '00001' | Should -BeNullOrEmpty
    }

    It 'pads a numeric campaign id (1 -> 00001) in the result and in the request path' {
        $result = Remove-ThuliumCrmRecord -CampaignId 1 -CustomerId 441 -Force
        $result.CampaignId | Should -Be '00001'
        $result.Succeeded | Should -BeTrue
        @(Get-RequestTarget)[0] | Should -Match '/batch/crm_outbounds/00001/records\?'
    }

    It 'NOT_EXIST is a failed item (ObjectNotFound)' {
        $ev = $null
        $results = @(Remove-ThuliumCrmRecord -CampaignId 00001 -CustomerId 441, 445 -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false)
        $results[1].Status | Should -Be 'NOT_EXIST'
        $results[1].RecordId | Should -BeNullOrEmpty
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectNotFound*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        [string]$ev[0].TargetObject | Should -Be '445'
    }

    It 'a record in a call fails with Status CALL_IN_PROGRESS and a message saying it can be retried later' {
        Add-ThuliumSandboxSeed -Campaign @(@{ id = '00010'; crm = $true; records = @(
                    @{ record_id = 8001; customer_id = 441; in_call = $true },
                    @{ record_id = 8002; customer_id = 442; in_call = $false }) })
        $ev = $null
        $results = @(Remove-ThuliumCrmRecord -CampaignId 00010 -CustomerId 441, 442 -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 2
        @($results | ForEach-Object Succeeded) | Should -Be @($false, $true)
        $results[0].Status | Should -Be 'CALL_IN_PROGRESS'
        $results[0].Outcome | Should -Be ([ThuliumPS.Results.ThuliumOutcome]::Failed)
        $results[0].Message | Should -Match 'retr|later|again'
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectBusy*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceBusy)
        "$($ev[0].ErrorDetails.Message) $($ev[0].Exception.Message)" | Should -Match 'retr|later|again'
        Get-StateRecordCustomerId '00010' | Should -Be 441
    }

    It 'an unknown campaign fails every item of it (ObjectNotFound); the other campaign''s items succeed' {
        $rows = @(
            [pscustomobject]@{ campaign_id = '00077'; customer_id = 441 }
            [pscustomobject]@{ campaign_id = '00001'; customer_id = 441 }
            [pscustomobject]@{ campaign_id = '00077'; customer_id = 442 }
        )
        $ev = $null
        $results = @($rows | Remove-ThuliumCrmRecord -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($results | ForEach-Object Succeeded) | Should -Be @($false, $true, $false)
        @($results | ForEach-Object CampaignId) | Should -Be @('00077', '00001', '00077')
        @($ev).Count | Should -Be 2
        foreach ($e in @($ev)) {
            $e.FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectNotFound*'
            $e.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        }
        Get-StateRecordCustomerId '00001' | Should -Be 442
    }

    It 'an invalid customer id (<Bad>) fails locally and is not sent' -ForEach @(
        @{ Bad = 'abc' }
        @{ Bad = 0 }
    ) {
        $ev = $null
        $results = @(Remove-ThuliumCrmRecord -CampaignId 00001 -CustomerId $Bad, 441 -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | ForEach-Object Succeeded) | Should -Be @($false, $true)
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        @(Get-ThuliumSandboxRequest)[0].items | Should -Be 1
    }

    It 'an invalid campaign id (<Bad>) fails its items locally, nothing sent' -ForEach @(
        @{ Bad = 'abc' }
        @{ Bad = '123456' }
    ) {
        $ev = $null
        $results = @(Remove-ThuliumCrmRecord -CampaignId $Bad -CustomerId 441, 442 -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 2
        @($results | Where-Object Succeeded).Count | Should -Be 0
        @($ev).Count | Should -Be 2
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }
}
