#Requires -Version 5.1
# -WhatIf, -Confirm and -Force: every item gets a result even when nothing is sent for it (Outcome NotSent, Status
# WhatIf or Declined); an explicit -Confirm prompts even with -Force; an explicit -WhatIf:$false wins over
# $WhatIfPreference. Prompts are answered for real: a child pwsh reads the answers from its standard input.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sandbox = Start-ThuliumTestSession

    # Runs $Command in a child pwsh connected to the sandbox, typing $Answers at its confirmation prompts; returns
    # the results it wrote, as 'InputIndex|Outcome|Status' lines.
    function Invoke-WithAnswers {
        param([string] $Command, [string[]] $Answers)
        $manifest = Join-Path (Get-RepositoryRoot) 'out/ThuliumPS/ThuliumPS.psd1'
        $script = @"
Import-Module '$manifest'
`$password = ConvertTo-SecureString 'api_pass' -AsPlainText -Force
Connect-Thulium -BaseUri '$($script:Sandbox.ApiUri)' -Credential ([pscredential]::new('api_user', `$password)) -AllowUnencryptedAuthentication
$Command | ForEach-Object { 'RESULT ' + (`$_.InputIndex, `$_.Outcome, `$_.Status -join '|') }
"@
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-prompt-{0}.ps1' -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $file -Value $script -Encoding utf8
        try {
            $pwsh = (Get-Process -Id $PID).Path
            $output = ($Answers -join "`n") | & $pwsh -NoProfile -File $file 2>&1
            @($output | ForEach-Object { [string]$_ } | Where-Object { $_ -like 'RESULT *' } | ForEach-Object { $_.Substring(7) })
        }
        finally {
            Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    Stop-ThuliumTestSession -Sandbox $script:Sandbox
}

Describe 'Confirmation prompts' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer @(1..3 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })
    }

    It '-Force -Confirm still asks; an item answered No gets a NotSent/Declined result in its place' {
        $lines = Invoke-WithAnswers -Command '1, 2, 3 | Remove-ThuliumCustomer -Force -Confirm' -Answers 'Y', 'N', 'Y'
        $lines | Should -Be @('0|Succeeded|Deleted', '1|NotSent|Declined', '2|Succeeded|Deleted')
        Get-ThuliumSandboxCustomerId | Should -Be @(2)
    }

    It 'without -Force a delete asks (ConfirmImpact High); No to every item sends nothing' {
        $lines = Invoke-WithAnswers -Command '1, 2 | Remove-ThuliumCustomer' -Answers 'N', 'N'
        $lines | Should -Be @('0|NotSent|Declined', '1|NotSent|Declined')
        Get-ThuliumSandboxCustomerId | Should -Be @(1, 2, 3)
        # Connect-Thulium's credential check is the child's only request.
        @(Get-ThuliumSandboxRequest | Where-Object method -ne 'GET').Count | Should -Be 0
    }

    It 'a create asks under -Confirm; declined rows keep their place among created ones' {
        $lines = Invoke-WithAnswers -Command "'A', 'B', 'C' | ForEach-Object { @{ surname = `$_ } } | New-ThuliumCustomer -Confirm" -Answers 'N', 'Y', 'N'
        $lines | Should -Be @('0|NotSent|Declined', '1|Succeeded|Created', '2|NotSent|Declined')
        @((Get-ThuliumSandboxState).customers | Where-Object surname -eq 'B').Count | Should -Be 1
    }
}

Describe '-WhatIf and $WhatIfPreference' {
    BeforeEach {
        Reset-ThuliumSandbox
        Add-ThuliumSandboxSeed -Customer @(1..3 | ForEach-Object { @{ customer_id = $_; surname = "S$_" } })
    }

    It '-WhatIf:$false -Force acts without asking although $WhatIfPreference is $true' {
        $WhatIfPreference = $true
        try {
            # A prompt here would fail the test: Pester runs non-interactively in CI, and it would wait otherwise.
            $results = @(Remove-ThuliumCustomer -Id 1 -WhatIf:$false -Force)
        }
        finally {
            $WhatIfPreference = $false
        }
        $results.Count | Should -Be 1
        $results[0].Succeeded | Should -BeTrue
        Get-ThuliumSandboxCustomerId | Should -Be @(2, 3)
    }

    It '$WhatIfPreference = $true alone rehearses, even with -Force: NotSent/WhatIf results, nothing sent' {
        $WhatIfPreference = $true
        try {
            $results = @(1, 2 | Remove-ThuliumCustomer -Force)
        }
        finally {
            $WhatIfPreference = $false
        }
        @($results | ForEach-Object { $_.Outcome + '/' + $_.Status }) | Should -Be @('NotSent/WhatIf', 'NotSent/WhatIf')
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }

    It 'a rehearsal can be counted: <Command>' -ForEach @(
        @{ Command = 'New-ThuliumCustomer'; Items = { @{ surname = 'A' }, @{ surname = '' }, @{ surname = 'C' } }; Expected = @('NotSent', 'Failed', 'NotSent') }
        @{ Command = 'Remove-ThuliumCampaign'; Items = { 1, 0, 2 }; Expected = @('NotSent', 'Failed', 'NotSent') }
    ) {
        $preview = @(& $Items | & $Command -WhatIf -ErrorAction SilentlyContinue)
        @($preview | ForEach-Object Outcome) | Should -Be $Expected
        @($preview | Where-Object Outcome -eq 'NotSent' | ForEach-Object Message | Select-Object -Unique) | Should -Be @('Not sent: -WhatIf only rehearses the command.')
        @(Get-ThuliumSandboxRequest).Count | Should -Be 0
    }
}
