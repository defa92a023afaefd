#Requires -Version 5.1
# Remove-ThuliumCampaign: id padding, invalid ids, NOT_EXIST, ALREADY_QUEUED, -DeleteRecordings.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession -Demo

    function Get-StateCampaign {
        param([string] $Id)
        @((Get-ThuliumSandboxState).campaigns | Where-Object { $_.id -eq $Id })
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Remove-ThuliumCampaign' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxDemoSeed
    }

    It 'pads 1 and ''2'' to 00001 / 00002 (result and request target) and queues the removal' {
        $results = @(1, '2' | Remove-ThuliumCampaign -Force)
        $results.Count | Should -Be 2
        $results[0] | Should -BeOfType ([ThuliumPS.Results.CampaignRemovalResult])
        @($results | ForEach-Object CampaignId) | Should -Be @('00001', '00002')
        @($results | Where-Object Succeeded).Count | Should -Be 2
        @($results | ForEach-Object Status) | Should -Be @('REMOVAL_QUEUED', 'REMOVAL_QUEUED')
        @($results | ForEach-Object { [string]$_.InputObject }) | Should -Be @('1', '2')

        $targets = @(Get-RequestTarget)
        $targets.Count | Should -Be 1
        $targets[0] | Should -Match 'batch/outbounds'
        $targets[0] | Should -Match 'id\[\]=00001(&|$)'
        $targets[0] | Should -Match 'id\[\]=00002(&|$)'
        $targets[0] | Should -Not -Match 'id\[\]=1(&|$)'
        (Get-StateCampaign '00001')[0].queued | Should -BeTrue
        (Get-StateCampaign '00002')[0].queued | Should -BeTrue
        (Get-StateCampaign '00003')[0].queued | Should -BeFalse
    }

    It '<Bad> is invalid input: failed, InvalidData, never sent; the valid id is still removed' -ForEach @(
        @{ Bad = '123456' }
        @{ Bad = 'abc' }
        @{ Bad = 0 }
    ) {
        $ev = $null
        $results = @($Bad, '00003' | Remove-ThuliumCampaign -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 2
        @($results | ForEach-Object Succeeded) | Should -Be @($false, $true)
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumInvalidInput*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        [string]$ev[0].TargetObject | Should -Be ([string]$Bad)
        $targets = @(Get-RequestTarget)
        $targets.Count | Should -Be 1
        $targets[0] | Should -Not -Match ('id\[\]=' + [regex]::Escape([string]$Bad) + '(&|$)')
        @(Get-ThuliumSandboxRequest)[0].items | Should -Be 1
    }

    It 'NOT_EXIST is a failed item (ObjectNotFound)' {
        $ev = $null
        $results = @(Remove-ThuliumCampaign -Id '00001', '00099' -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 2
        $results[0].Succeeded | Should -BeTrue
        $results[1].Succeeded | Should -BeFalse
        $results[1].Status | Should -Be 'NOT_EXIST'
        $results[1].CampaignId | Should -Be '00099'
        $results[1].HttpStatus | Should -Be 404
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ThuliumObjectNotFound*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        [string]$ev[0].TargetObject | Should -Be '00099'
    }

    It 'a second removal (ALREADY_QUEUED) is reported as Succeeded with Status ALREADY_QUEUED and no error' {
        $first = Remove-ThuliumCampaign -Id 1 -Force
        $first.Status | Should -Be 'REMOVAL_QUEUED'
        $ev = $null
        $second = @(Remove-ThuliumCampaign -Id 1 -Force -ErrorVariable ev)
        $second.Count | Should -Be 1
        $second[0].Succeeded | Should -BeTrue
        $second[0].Status | Should -Be 'ALREADY_QUEUED'
        $second[0].CampaignId | Should -Be '00001'
        @($ev).Count | Should -Be 0
        @(Get-ThuliumSandboxRequest).Count | Should -Be 2
    }

    It 'ALREADY_QUEUED under -DeleteRecordings stays Succeeded, but its message and one warning per command say the recordings may NOT be deleted' {
        $null = Remove-ThuliumCampaign -Id 1, 2 -Force
        $wv = $null
        $second = @(Remove-ThuliumCampaign -Id 1, 2 -Force -DeleteRecordings -WarningVariable wv -WarningAction SilentlyContinue)
        @($second | ForEach-Object Outcome) | Should -Be @('Succeeded', 'Succeeded')
        @($second | ForEach-Object Status) | Should -Be @('ALREADY_QUEUED', 'ALREADY_QUEUED')
        foreach ($result in $second) {
            $result.DeleteRecordings | Should -BeTrue
            $result.Message | Should -Match 'recordings may NOT be deleted'
            $result.Message | Should -Not -Match 'nothing more to do'
        }
        @($wv).Count | Should -Be 1 -Because 'one warning per command, not one per campaign'
        [string]$wv[0] | Should -Match 'may NOT be deleted'
        # What the message warns about: the earlier request, without the flag, is the one that counts.
        (Get-StateCampaign '00001')[0].delete_recordings | Should -BeFalse
    }

    It 'with a journal, -DeleteRecordings after a removal without it is sent, not AlreadyDone, so its answer tells about the recordings' {
        $journal = Join-Path $TestDrive ('campaigns-{0}.jsonl' -f [guid]::NewGuid().ToString('N'))
        $null = Remove-ThuliumCampaign -Id 1 -Force -JournalPath $journal
        $again = @(Remove-ThuliumCampaign -Id 1 -Force -JournalPath $journal -WarningAction SilentlyContinue)
        $again[0].Status | Should -Be 'AlreadyDone'
        # Before, this one was AlreadyDone as well, and said nothing of the recordings it did not delete.
        $withRecordings = @(Remove-ThuliumCampaign -Id 1 -Force -DeleteRecordings -JournalPath $journal -WarningAction SilentlyContinue)
        $withRecordings[0].Status | Should -Be 'ALREADY_QUEUED'
        $withRecordings[0].Message | Should -Match 'recordings may NOT be deleted'
        @(Remove-ThuliumCampaign -Id 1 -Force -DeleteRecordings -JournalPath $journal)[0].Status | Should -Be 'AlreadyDone'
    }

    It '-DeleteRecordings reaches the server (delete_recordings=true in the target and in state)' {
        $result = Remove-ThuliumCampaign -Id '00002' -DeleteRecordings -Force
        $result.Succeeded | Should -BeTrue
        $result.DeleteRecordings | Should -BeTrue
        $targets = @(Get-RequestTarget)
        $targets.Count | Should -Be 1
        $targets[0] | Should -Match 'delete_recordings=true'
        (Get-StateCampaign '00002')[0].delete_recordings | Should -BeTrue
    }

    It 'without -DeleteRecordings recordings are kept' {
        $result = Remove-ThuliumCampaign -Id '00002' -Force
        $result.DeleteRecordings | Should -BeFalse
        @(Get-ThuliumSandboxRequest)[0].target | Should -Not -Match 'delete_recordings=true'
        (Get-StateCampaign '00002')[0].queued | Should -BeTrue
        (Get-StateCampaign '00002')[0].delete_recordings | Should -BeFalse
    }
}
