#Requires -Version 5.1
# The shipped MAML help against the cmdlets PowerShell actually loads: one syntax block per parameter set with
# exactly that set's parameters (name, mandatory, position, switch or value) including -WhatIf/-Confirm where the
# cmdlet supports ShouldProcess; every parameter answerable by Get-Help -Parameter; examples that parse; no sentence
# that lost a word in generation ("…, like ."). xUnit checks the MAML file against the declared parameters; this
# checks what a user gets from Get-Help, which is what the issue was about.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS
    $script:Cmdlets = @(Get-Command -Module ThuliumPS -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            @{ Name = $_.Name; Sets = @($_.ParameterSets | ForEach-Object { @{ SetName = $_.Name } }) }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-StagedThuliumPS

    $script:Common = @([System.Management.Automation.Cmdlet]::CommonParameters)

    # One comparable line per parameter: name, mandatory, position, switch or value.
    function Get-CodeSignature {
        param([System.Management.Automation.CommandParameterSetInfo] $Set)
        foreach ($p in $Set.Parameters) {
            if ($script:Common -contains $p.Name) { continue }
            $position = 'named'
            if ($p.Position -ge 0) { $position = [string]$p.Position }
            $kind = 'value'
            if ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $kind = 'switch' }
            '{0} required={1} position={2} {3}' -f $p.Name, $p.IsMandatory.ToString().ToLowerInvariant(), $position, $kind
        }
    }

    function Get-HelpSignature {
        param($SyntaxItem)
        foreach ($p in @($SyntaxItem.parameter)) {
            if ($null -eq $p) { continue }
            $kind = 'switch'
            if ($p.PSObject.Properties['parameterValue'] -and -not [string]::IsNullOrWhiteSpace([string]$p.parameterValue)) { $kind = 'value' }
            '{0} required={1} position={2} {3}' -f $p.name, ([string]$p.required).ToLowerInvariant(), ([string]$p.position).ToLowerInvariant(), $kind
        }
    }

    function Get-SupportsShouldProcess {
        param([string] $Name)
        $attribute = (Get-Command $Name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)
        [bool]$attribute[0].SupportsShouldProcess
    }

    # Every piece of prose Get-Help shows for a cmdlet: synopsis, description, parameter descriptions, example
    # remarks, notes.
    function Get-HelpProse {
        param([string] $Name)
        $help = Get-Help $Name -Full
        $texts = @()
        $texts += @($help.details.description | ForEach-Object { $_.Text })
        $texts += @($help.description | ForEach-Object { $_.Text })
        $texts += @($help.parameters.parameter | ForEach-Object { @($_.description | ForEach-Object { $_.Text }) })
        $texts += @($help.examples.example | ForEach-Object { @($_.remarks | ForEach-Object { $_.Text }) })
        if ($help.PSObject.Properties['alertSet'] -and $help.alertSet) {
            $texts += @($help.alertSet.alert | ForEach-Object { $_.Text })
        }
        $texts | Where-Object { -not [string]::IsNullOrWhiteSpace($_) }
    }

    # What a lost inline element (<see cref>, <c>, a parameter name) leaves behind: a space before punctuation
    # ("like .", "such as , ") or a sentence ending on a word that needs an object ("like.", "see.").
    $script:Dangling = '(\s[.,;:)](\s|$))|(\b(like|see|such as|e\.g\.|than|via|named|called)\.\s*$)|\(\s*\)'
}

Describe 'Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Command = Get-Command $Name
        $script:Help = Get-Help $Name -Full
        $script:SyntaxItems = @($script:Help.syntax.syntaxItem)
    }

    It 'has one syntax block per parameter set' {
        $script:SyntaxItems.Count | Should -Be $script:Command.ParameterSets.Count
    }

    It 'has a syntax block for parameter set <SetName> with exactly its parameters' -ForEach $Sets {
        $set = $script:Command.ParameterSets | Where-Object Name -EQ $SetName
        $expected = @(Get-CodeSignature $set | Sort-Object)
        $expectedNames = @($set.Parameters | Where-Object { $script:Common -notcontains $_.Name } | ForEach-Object Name)

        # The block with the most names in common is the one meant for this set; compare it line by line.
        $best = $null; $bestShared = -1
        foreach ($item in $script:SyntaxItems) {
            $names = @(@($item.parameter) | Where-Object { $null -ne $_ } | ForEach-Object { $_.name })
            $shared = @($names | Where-Object { $expectedNames -contains $_ }).Count - @($names | Where-Object { $expectedNames -notcontains $_ }).Count
            if ($shared -gt $bestShared) { $best = $item; $bestShared = $shared }
        }
        $actual = @(Get-HelpSignature $best | Sort-Object)

        $difference = Compare-Object -ReferenceObject $expected -DifferenceObject $actual |
            ForEach-Object { '{0} {1}' -f $_.SideIndicator, $_.InputObject }
        $difference | Should -BeNullOrEmpty -Because 'Get-Help syntax must match Get-Command (<= code only, => help only)'
    }

    It 'lists -WhatIf and -Confirm in every syntax block exactly when it supports ShouldProcess' {
        $supports = Get-SupportsShouldProcess $Name
        foreach ($item in $script:SyntaxItems) {
            $names = @(@($item.parameter) | Where-Object { $null -ne $_ } | ForEach-Object { $_.name })
            ($names -contains 'WhatIf') | Should -Be $supports -Because "$Name SupportsShouldProcess is $supports"
            ($names -contains 'Confirm') | Should -Be $supports -Because "$Name SupportsShouldProcess is $supports"
        }
    }

    It 'answers Get-Help -Parameter for every parameter, with a description' {
        $names = @($script:Command.Parameters.Keys | Where-Object { $script:Common -notcontains $_ })
        $missing = foreach ($parameter in $names) {
            $entry = Get-Help $Name -Parameter $parameter -ErrorAction SilentlyContinue
            if ($null -eq $entry) { "-$parameter (Get-Help -Parameter finds nothing)"; continue }
            if ((@($entry.description | ForEach-Object { $_.Text }) -join ' ').Trim().Length -eq 0) { "-$parameter (no description)" }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'documents no parameter the cmdlet does not have' {
        $documented = @($script:Help.parameters.parameter | ForEach-Object { $_.name })
        $documented | Where-Object { -not $script:Command.Parameters.ContainsKey($_) } | Should -BeNullOrEmpty
    }

    It 'has examples whose code parses' {
        $examples = @($script:Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $tokens = $null; $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput([string]$example.code, [ref]$tokens, [ref]$errors)
            @($errors | ForEach-Object { '{0} in: {1}' -f $_.Message, $example.code }) | Should -BeNullOrEmpty
        }
    }

    It 'has no sentence left dangling by a lost word' {
        Get-HelpProse $Name | Where-Object { $_ -match $script:Dangling } | Should -BeNullOrEmpty
    }
}

Describe 'about topics' {
    It '<_> has no sentence left dangling by a lost word' -ForEach @('about_ThuliumPS', 'about_ThuliumPS_Reliability') {
        $path = Join-Path (Get-RepositoryRoot) ("out/ThuliumPS/en-US/{0}.help.txt" -f $_)
        Get-Content -LiteralPath $path | Where-Object { $_ -match '(\s[.,;:)](\s|$))|\(\s*\)' } | Should -BeNullOrEmpty
    }

    It 'Get-Help finds <_>' -ForEach @('about_ThuliumPS', 'about_ThuliumPS_Reliability') {
        Get-Help $_ | Out-String | Should -Match 'ThuliumPS'
    }
}

Describe 'the scripts an admin runs' {
    # Comment-based help is ignored, silently, when a #Requires line sits right above it: Get-Help then shows the
    # syntax alone. Every script the README or the help sends an admin to must answer Get-Help -Full.
    BeforeDiscovery {
        $root = Get-RepositoryRoot
        $script:Scripts = @(@(Get-ChildItem -LiteralPath (Join-Path $root 'examples') -Filter '*.ps1') + (Get-Item -LiteralPath (Join-Path $root 'build.ps1')) |
                ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
    }

    It '<Name> has a synopsis, examples and a description of every parameter' -ForEach $script:Scripts {
        $help = Get-Help -Full -Name $Path
        [string]$help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Name) + '(\s|$)') -Because 'a synopsis that is the syntax line means the help block was not found'
        [string]$help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
        $declared = @((Get-Command -Name $Path).Parameters.Keys | Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters -notcontains $_ })
        foreach ($parameter in $declared) {
            $described = @($help.parameters.parameter | Where-Object { $_.name -eq $parameter } | ForEach-Object { $_.description | ForEach-Object { $_.Text } }) -join ' '
            $described | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name should say what it is for"
        }
    }
}
