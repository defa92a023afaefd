#Requires -Version 5.1
# Behaviour shared by the five bulk cmdlets, data-driven: -WhatIf, -Confirm/-Force, one result per item in input
# order, non-terminating per-item errors, -ErrorAction Stop, arrays by parameter = piped, -BatchSize, -Verbose,
# result types.

BeforeDiscovery {
    $script:Cases = @(
        @{
            Name         = 'New-ThuliumCustomer'
            ResultType   = 'ThuliumPS.Results.CustomerCreationResult'
            Method       = 'POST'
            PathFragment = 'batch/customers'
            Confirmable  = 'Confirm'
            Batched      = $true
            ByParameter  = $true
            Seed         = { Write-Verbose 'nothing to seed' }
            Good         = { 1..5 | ForEach-Object { [pscustomobject]@{ name = "N$_"; surname = "S$_" } } }
            # No surname: fails locally, never sent.
            Bad          = { 1..2 | ForEach-Object { [pscustomobject]@{ name = "NoSurname$_"; surname = '' } } }
            BadIsLocal   = $true
            BadErrorId   = 'ThuliumInvalidInput'
            BadCategory  = 'InvalidData'
            Key          = { param($o) [string]$o.name }
            Piped        = { param($Items, $Extra) $Items | New-ThuliumCustomer @Extra }
            Direct       = { param($Items, $Extra) New-ThuliumCustomer -InputObject $Items @Extra }
        }
        @{
            Name         = 'Remove-ThuliumCustomer'
            ResultType   = 'ThuliumPS.Results.CustomerRemovalResult'
            Method       = 'DELETE'
            PathFragment = 'batch/customers'
            Confirmable  = 'Force'
            Batched      = $true
            ByParameter  = $true
            Seed         = { Add-ThuliumSandboxSeed -Customer (1..5 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } }) }
            Good         = { 1..5 }
            Bad          = { 999, 998 }
            BadIsLocal   = $false
            BadErrorId   = 'ThuliumObjectNotFound'
            BadCategory  = 'ObjectNotFound'
            Key          = { param($o) [string]$o }
            Piped        = { param($Items, $Extra) $Items | Remove-ThuliumCustomer @Extra }
            Direct       = { param($Items, $Extra) Remove-ThuliumCustomer -Id $Items @Extra }
        }
        @{
            Name         = 'Remove-ThuliumCampaign'
            ResultType   = 'ThuliumPS.Results.CampaignRemovalResult'
            Method       = 'DELETE'
            PathFragment = 'batch/outbounds'
            Confirmable  = 'Force'
            Batched      = $true
            ByParameter  = $true
            Seed         = { Add-ThuliumSandboxSeed -Campaign (1..5 | ForEach-Object { @{ id = ('{0:D5}' -f $_); crm = $false; records = @() } }) }
            Good         = { 1..5 | ForEach-Object { '{0:D5}' -f $_ } }
            Bad          = { '00099', '00098' }
            BadIsLocal   = $false
            BadErrorId   = 'ThuliumObjectNotFound'
            BadCategory  = 'ObjectNotFound'
            Key          = { param($o) [string]$o }
            Piped        = { param($Items, $Extra) $Items | Remove-ThuliumCampaign @Extra }
            Direct       = { param($Items, $Extra) Remove-ThuliumCampaign -Id $Items @Extra }
        }
        @{
            Name         = 'Remove-ThuliumCrmRecord'
            ResultType   = 'ThuliumPS.Results.CrmRecordRemovalResult'
            Method       = 'DELETE'
            PathFragment = 'crm_outbounds/00001/records'
            Confirmable  = 'Force'
            Batched      = $true
            ByParameter  = $true
            Seed         = {
                Add-ThuliumSandboxSeed -Customer (1..5 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } }) `
                    -Campaign @(@{ id = '00001'; crm = $true; records = @(1..5 | ForEach-Object { @{ record_id = 7000 + $_; customer_id = $_; in_call = $false } }) })
            }
            Good         = { 1..5 }
            Bad          = { 999, 998 }
            BadIsLocal   = $false
            BadErrorId   = 'ThuliumObjectNotFound'
            BadCategory  = 'ObjectNotFound'
            Key          = { param($o) [string]$o }
            Piped        = { param($Items, $Extra) $Items | Remove-ThuliumCrmRecord -CampaignId '00001' @Extra }
            Direct       = { param($Items, $Extra) Remove-ThuliumCrmRecord -CampaignId '00001' -CustomerId $Items @Extra }
        }
        @{
            Name         = 'Add-ThuliumFieldGroupItem'
            ResultType   = 'ThuliumPS.Results.FieldGroupItemCreationResult'
            Method       = 'POST'
            PathFragment = 'customer_field_group_items'
            Confirmable  = 'Confirm'
            Batched      = $false   # no batch endpoint: one request per item, no -BatchSize
            ByParameter  = $false   # -InputObject takes one object (see report)
            Seed         = {
                Add-ThuliumSandboxSeed -Customer (1..5 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } }) `
                    -FieldGroup @(@{ group_id = 2; fields = @(@{ field_id = 8; name = 'Count' }, @{ field_id = 10; name = 'Comment' }) })
            }
            Good         = { 1..5 | ForEach-Object { [pscustomobject]@{ group_id = 2; customer_id = $_; values = @([pscustomobject]@{ field_id = 8; value = "v$_" }) } } }
            Bad          = { 999, 998 | ForEach-Object { [pscustomobject]@{ group_id = 2; customer_id = $_; values = @([pscustomobject]@{ field_id = 8; value = 'x' }) } } }
            BadIsLocal   = $false
            BadErrorId   = 'ThuliumObjectNotFound'
            BadCategory  = 'ObjectNotFound'
            Key          = { param($o) $v = $o.customer_id; if ($null -eq $v) { $v = $o.CustomerId }; [string]$v }
            Piped        = { param($Items, $Extra) $Items | Add-ThuliumFieldGroupItem @Extra }
            Direct       = $null
        }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    # Parameters that let the cmdlet run without a prompt.
    function Get-NoPromptParameter {
        param([string] $Confirmable)
        if ($Confirmable -eq 'Force') { @{ Force = $true } } else { @{ Confirm = $false } }
    }

    function Get-ResultSummary {
        param($Results, [scriptblock] $Key)
        @($Results | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.InputIndex, $_.Succeeded, $_.Status, (& $Key $_.InputObject) })
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe '<Name>: behaviour common to the bulk cmdlets' -ForEach $Cases {
    BeforeEach {
        Reset-ThuliumSandbox
        & $Seed
        $GoodItems = @(& $Good)
        $BadItems = @(& $Bad)
        $NoPrompt = Get-NoPromptParameter $Confirmable
    }

    It '-WhatIf sends no request and writes one NotSent result per item (Status WhatIf), in order' {
        $results = @(& $Piped $GoodItems @{ WhatIf = $true })
        $results.Count | Should -Be $GoodItems.Count
        @($results | ForEach-Object Outcome | Select-Object -Unique) | Should -Be @('NotSent')
        @($results | ForEach-Object Status | Select-Object -Unique) | Should -Be @('WhatIf')
        @($results | ForEach-Object InputIndex) | Should -Be @(0..($GoodItems.Count - 1))
        @($results | Where-Object Succeeded).Count | Should -Be 0
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'runs without prompting when told not to (-Force / -Confirm:$false), one result per item' {
        $results = @(& $Piped $GoodItems $NoPrompt)
        $results.Count | Should -Be $GoodItems.Count
        @($results | Where-Object { -not $_.Succeeded }).Count | Should -Be 0
        @(Get-ThuliumSandboxRequest).Count | Should -BeGreaterThan 0
    }

    It '-Confirm:$false also suppresses the prompt' {
        if ($Confirmable -ne 'Force') { Set-ItResult -Skipped -Because 'only the Remove cmdlets prompt by default (ConfirmImpact High); the create cmdlets never prompt unless -Confirm is given' }
        $results = @(& $Piped $GoodItems @{ Confirm = $false })
        $results.Count | Should -Be $GoodItems.Count
        @($results | Where-Object { -not $_.Succeeded }).Count | Should -Be 0
    }

    It 'writes results of the documented type, each carrying its InputObject' {
        $results = @(& $Piped $GoodItems $NoPrompt)
        $results.Count | Should -Be $GoodItems.Count
        foreach ($r in $results) {
            $r | Should -BeOfType ([type]$ResultType)
            $r.InputObject | Should -Not -BeNullOrEmpty
        }
    }

    It 'one result per item, in input order, with mixed good and bad items; the good ones still succeed' {
        $items = @($GoodItems[0], $BadItems[0], $GoodItems[1], $GoodItems[2], $BadItems[1], $GoodItems[3])
        $results = @(& $Piped $items ($NoPrompt + @{ ErrorAction = 'SilentlyContinue' }))
        $results.Count | Should -Be $items.Count
        for ($i = 0; $i -lt $items.Count; $i++) {
            $results[$i].InputIndex | Should -Be $i
            (& $Key $results[$i].InputObject) | Should -Be (& $Key $items[$i])
        }
        @($results | ForEach-Object Succeeded) | Should -Be @($true, $false, $true, $true, $false, $true)
        @($results | Where-Object { -not $_.Succeeded } | ForEach-Object Outcome) | Should -Be @('Failed', 'Failed')
    }

    It 'per-item failures are non-terminating errors: -ErrorVariable collects one per failed item' {
        $items = @($GoodItems[0], $BadItems[0], $GoodItems[1], $BadItems[1])
        $ev = $null
        $extra = $NoPrompt.Clone()
        $extra.ErrorAction = 'SilentlyContinue'
        $extra.ErrorVariable = 'ev'
        # Dot-sourced so that -ErrorVariable sets $ev in this scope, not in the scriptblock's.
        $results = @(. $Piped $items $extra)
        $results.Count | Should -Be 4
        @($ev).Count | Should -Be 2
        foreach ($e in @($ev)) {
            $e | Should -BeOfType ([System.Management.Automation.ErrorRecord])
            $e.FullyQualifiedErrorId | Should -BeLike "$BadErrorId*"
            $e.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]$BadCategory)
        }
        @($ev | ForEach-Object { & $Key $_.TargetObject }) | Should -Be @($BadItems | ForEach-Object { & $Key $_ })
        @($results | Where-Object Succeeded).Count | Should -Be 2
    }

    It 'a locally invalid item is never sent' {
        if (-not $BadIsLocal) { Set-ItResult -Skipped -Because 'the bad items of this cmdlet in this table are refused by the server, not locally' }
        $items = @($GoodItems[0], $BadItems[0], $GoodItems[1])
        $null = & $Piped $items ($NoPrompt + @{ ErrorAction = 'SilentlyContinue' })
        $sent = 0
        foreach ($request in @(Get-ThuliumSandboxRequest)) { $sent += [int]$request.items }
        $sent | Should -Be 2
    }

    It '-ErrorAction Stop turns the first item failure into a terminating error' {
        $items = @($GoodItems[0], $BadItems[0], $GoodItems[1])
        $extra = $NoPrompt.Clone()
        $extra.ErrorAction = 'Stop'
        $caught = $null
        try {
            $null = & $Piped $items $extra
        }
        catch {
            $caught = $_
        }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike "$BadErrorId*"
    }

    It 'an array by parameter gives exactly the results of the same items piped' {
        if (-not $ByParameter) { Set-ItResult -Skipped -Because 'this cmdlet takes one item per call by parameter, not an array' }
        $items = @($GoodItems[0], $BadItems[0], $GoodItems[1], $GoodItems[2])
        $piped = Get-ResultSummary (& $Piped $items ($NoPrompt + @{ ErrorAction = 'SilentlyContinue' })) $Key
        $pipedRequests = @(Get-ThuliumSandboxRequest | ForEach-Object { '{0} {1}' -f $_.method, $_.items })

        Reset-ThuliumSandbox
        & $Seed
        $direct = Get-ResultSummary (& $Direct $items ($NoPrompt + @{ ErrorAction = 'SilentlyContinue' })) $Key
        $directRequests = @(Get-ThuliumSandboxRequest | ForEach-Object { '{0} {1}' -f $_.method, $_.items })

        $piped.Count | Should -Be 4
        $direct | Should -Be $piped
        $directRequests | Should -Be $pipedRequests
    }

    It '-BatchSize 2 with 5 items sends 3 requests (2, 2, 1 items)' {
        if (-not $Batched) { Set-ItResult -Skipped -Because 'this endpoint has no batch form: one request per item' }
        $extra = $NoPrompt.Clone()
        $extra.BatchSize = 2
        $results = @(& $Piped $GoodItems $extra)
        $results.Count | Should -Be 5
        $requests = @(Get-ThuliumSandboxRequest)
        $requests.Count | Should -Be 3
        @($requests | ForEach-Object { [int]$_.items } | Sort-Object -Descending) | Should -Be @(2, 2, 1)
    }

    It 'without a batch endpoint, sends one request per item' {
        if ($Batched) { Set-ItResult -Skipped -Because 'this endpoint is batched; the batch size test covers it' }
        $null = & $Piped $GoodItems $NoPrompt
        @(Get-ThuliumSandboxRequest).Count | Should -Be $GoodItems.Count
    }

    It '-Verbose writes a line per request naming method, path, item count and status' {
        $extra = $NoPrompt.Clone()
        $extra.Verbose = $true
        if ($Batched) { $extra.BatchSize = 2 }
        $output = @(& $Piped $GoodItems $extra 4>&1)
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $results = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $results.Count | Should -Be $GoodItems.Count

        $requests = @(Get-ThuliumSandboxRequest)
        $requests.Count | Should -BeGreaterThan 0
        $pattern = [regex]::Escape($PathFragment)
        $lines = @($verbose | Where-Object { $_ -match $Method -and $_ -match $pattern })
        $lines.Count | Should -BeGreaterOrEqual $requests.Count
        foreach ($request in $requests) {
            $status = [string]$request.status
            $count = [string]$request.items
            @($lines | Where-Object { $_ -match "\b$status\b" -and $_ -match "\b$count\b" }).Count |
                Should -BeGreaterThan 0 -Because "a verbose line should name status $status and $count item(s) of $($request.method) $($request.target)"
        }
    }
}
