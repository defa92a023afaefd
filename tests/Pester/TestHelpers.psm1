#Requires -Version 5.1
# Helpers for the Pester suite: start/stop the Thulium sandbox as a child process, drive its /_sandbox/ control API,
# import the staged module. Works on Windows PowerShell 5.1 and PowerShell 7 (no ??, no ternary, no -Parallel).
Set-StrictMode -Version 2.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$script:Current = $null

function Get-RepositoryRoot {
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $script:RepoRoot
}

function Get-FreeTcpPort {
    [CmdletBinding()]
    [OutputType([int])]
    param()
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally {
        $listener.Stop()
    }
}

function Get-SandboxOutput {
    param($Sandbox)
    $text = ''
    foreach ($file in @($Sandbox.StdOutPath, $Sandbox.StdErrPath)) {
        if ($file -and (Test-Path -LiteralPath $file)) {
            $text += (Get-Content -LiteralPath $file -Raw -ErrorAction SilentlyContinue) + "`n"
        }
    }
    $text
}

function Start-ThuliumSandbox {
    <#
    .SYNOPSIS
    Starts the sandbox from its built dll on a free loopback port; returns BaseUri, ApiUri, Process.
    #>
    [CmdletBinding()]
    param(
        [switch] $Demo,
        [int] $LatencyMs = 0,
        [int] $MaxBatch = 0,
        [int] $MaxUrlLength = 0,
        [int] $RateLimit = 0,
        [int] $MaxConcurrent = 0,
        [string] $Password = '',
        [int] $TimeoutSec = 30
    )

    $configuration = $env:THULIUMPS_CONFIGURATION
    if ([string]::IsNullOrEmpty($configuration)) { $configuration = 'Release' }
    $dll = Join-Path $script:RepoRoot ("tests/ThuliumPS.Sandbox/bin/{0}/net10.0/ThuliumPS.Sandbox.dll" -f $configuration)
    if (-not (Test-Path -LiteralPath $dll)) {
        throw "Sandbox not built: '$dll' does not exist. Run: dotnet build ThuliumPS.sln -c $configuration"
    }

    $port = Get-FreeTcpPort
    $baseUri = 'http://127.0.0.1:{0}/' -f $port
    $arguments = @("`"$dll`"", '--urls', $baseUri.TrimEnd('/'))
    if ($Demo) { $arguments += '--demo' }
    if ($LatencyMs -gt 0) { $arguments += @('--latency-ms', [string]$LatencyMs) }
    if ($MaxBatch -gt 0) { $arguments += @('--max-batch', [string]$MaxBatch) }
    if ($MaxUrlLength -gt 0) { $arguments += @('--max-url-length', [string]$MaxUrlLength) }
    if ($RateLimit -gt 0) { $arguments += @('--rate-limit', [string]$RateLimit) }
    if ($MaxConcurrent -gt 0) { $arguments += @('--max-concurrent', [string]$MaxConcurrent) }
    if ($Password) { $arguments += @('--password', $Password) }

    $logBase = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-sandbox-{0}-{1}' -f $port, [guid]::NewGuid().ToString('N'))
    $stdout = $logBase + '.out.txt'
    $stderr = $logBase + '.err.txt'
    $startArgs = @{
        FilePath               = 'dotnet'
        ArgumentList           = $arguments
        RedirectStandardOutput = $stdout
        RedirectStandardError  = $stderr
        PassThru               = $true
    }
    if ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) { $startArgs.NoNewWindow = $true }
    $process = Start-Process @startArgs

    $sandbox = [pscustomobject]@{
        PSTypeName = 'ThuliumPS.Tests.Sandbox'
        BaseUri    = $baseUri
        ApiUri     = $baseUri + 'api/'
        Process    = $process
        StdOutPath = $stdout
        StdErrPath = $stderr
    }

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $ready = $false
    while (-not $ready -and [DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { break }
        try {
            $null = Invoke-RestMethod -Uri ($baseUri + '_sandbox/state') -Method Get -TimeoutSec 2 -ErrorAction Stop
            $ready = $true
        }
        catch {
            Start-Sleep -Milliseconds 200
        }
    }

    if (-not $ready) {
        $output = Get-SandboxOutput $sandbox
        Stop-ThuliumSandbox -Sandbox $sandbox
        throw "The sandbox did not answer on $baseUri within $TimeoutSec s. Its output:`n$output"
    }

    $script:Current = $sandbox
    $sandbox
}

function Stop-ThuliumSandbox {
    [CmdletBinding()]
    param($Sandbox = $script:Current)
    if ($null -eq $Sandbox) { return }
    $process = $Sandbox.Process
    if ($null -ne $process -and -not $process.HasExited) {
        try { $process.Kill() } catch { Write-Verbose "Stopping the sandbox: $_" }
        $null = $process.WaitForExit(10000)
    }
    foreach ($file in @($Sandbox.StdOutPath, $Sandbox.StdErrPath)) {
        if ($file) { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
    }
    if ($script:Current -eq $Sandbox) { $script:Current = $null }
}

function Get-SandboxControlUri {
    param($Sandbox, [string] $Path)
    if ($null -eq $Sandbox) { $Sandbox = $script:Current }
    if ($null -eq $Sandbox) { throw 'No sandbox: call Start-ThuliumSandbox first.' }
    $Sandbox.BaseUri + '_sandbox/' + $Path
}

function Invoke-SandboxJsonPost {
    param([string] $Uri, $Body)
    if ($PSVersionTable.PSEdition -ne 'Core') {
        # Windows PowerShell 5.1's ETS Count on System.Array makes ConvertTo-Json write some arrays as
        # {"value": [...], "Count": n}; the usual workaround.
        Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
    }
    # Explicit UTF-8 bytes: Windows PowerShell 5.1 would otherwise send a string body as ISO-8859-1.
    $json = ConvertTo-Json -InputObject $Body -Depth 20 -Compress
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($json)
    $null = Invoke-RestMethod -Uri $Uri -Method Post -Body $bytes -ContentType 'application/json; charset=utf-8' -ErrorAction Stop
}

function Reset-ThuliumSandbox {
    [CmdletBinding()]
    param($Sandbox)
    $null = Invoke-RestMethod -Uri (Get-SandboxControlUri $Sandbox 'reset') -Method Post -ErrorAction Stop
}

function Get-ThuliumSandboxState {
    <#
    .SYNOPSIS
    The sandbox's state (customers, campaigns, field_groups, field_group_items, requests).
    #>
    [CmdletBinding()]
    param($Sandbox)
    # Read as bytes and decode as UTF-8 ourselves: 5.1 guesses the response charset from the header only.
    $uri = Get-SandboxControlUri $Sandbox 'state'
    $client = [System.Net.WebClient]::new()
    try {
        $client.Encoding = [System.Text.Encoding]::UTF8
        $json = $client.DownloadString($uri)
    }
    finally {
        $client.Dispose()
    }
    ConvertFrom-Json -InputObject $json
}

function Get-ThuliumSandboxRequest {
    <#
    .SYNOPSIS
    The /api/ requests the sandbox received since its last reset, in order (method, target, status, items).
    #>
    [CmdletBinding()]
    param($Sandbox)
    $state = Get-ThuliumSandboxState -Sandbox $Sandbox
    @($state.requests | Where-Object { $null -ne $_ })
}

function Set-ThuliumSandboxFault {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Rule,
        $Sandbox
    )
    Invoke-SandboxJsonPost -Uri (Get-SandboxControlUri $Sandbox 'faults') -Body @($Rule)
}

function Add-ThuliumSandboxSeed {
    <#
    .SYNOPSIS
    Seeds customers/campaigns/field_groups (the shapes of /_sandbox/state; given ids are kept).
    #>
    [CmdletBinding()]
    param(
        [object[]] $Customer = @(),
        [object[]] $Campaign = @(),
        [object[]] $FieldGroup = @(),
        $Sandbox
    )
    $body = [ordered]@{
        customers    = @($Customer)
        campaigns    = @($Campaign)
        field_groups = @($FieldGroup)
    }
    Invoke-SandboxJsonPost -Uri (Get-SandboxControlUri $Sandbox 'seed') -Body $body
}

function Add-ThuliumSandboxDemoSeed {
    <#
    .SYNOPSIS
    Seeds the documentation's example data (the same as the sandbox's --demo start data, which reset clears):
    customers 441, 442, 445; CRM campaigns 00001-00003 with records (00002's record for 445 is in a call);
    field group 2 with fields 8, 10, 12.
    #>
    [CmdletBinding()]
    param($Sandbox)
    $customers = @(
        @{ customer_id = 441; name = 'Jan'; surname = 'Kowalski'; phone_number = '222333444'; email = 'jan.kowalski@foo.bar' },
        @{ customer_id = 442; name = 'Anna'; surname = 'Nowak'; phone_number = '501502503'; email = 'anna.nowak@foo.bar' },
        @{ customer_id = 445; name = 'Piotr'; surname = 'Wisniewski'; phone_number = '601602603'; email = 'piotr.wisniewski@foo.bar' }
    )
    $campaigns = @(
        @{ id = '00001'; crm = $true; records = @(@{ record_id = 5235; customer_id = 441; in_call = $false }, @{ record_id = 5236; customer_id = 442; in_call = $false }) },
        @{ id = '00002'; crm = $true; records = @(@{ record_id = 5237; customer_id = 441; in_call = $false }, @{ record_id = 5238; customer_id = 445; in_call = $true }) },
        @{ id = '00003'; crm = $true; records = @(@{ record_id = 5239; customer_id = 442; in_call = $false }) }
    )
    $groups = @(
        @{ group_id = 2; fields = @(@{ field_id = 8; name = 'Count' }, @{ field_id = 10; name = 'Comment' }, @{ field_id = 12; name = 'Product' }) }
    )
    Add-ThuliumSandboxSeed -Customer $customers -Campaign $campaigns -FieldGroup $groups -Sandbox $Sandbox
}

function New-TestCredential {
    [CmdletBinding()]
    [OutputType([pscredential])]
    param(
        [string] $UserName = 'api_user',
        [string] $Password = 'api_pass'
    )
    $secure = New-Object System.Security.SecureString
    foreach ($c in $Password.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    New-Object System.Management.Automation.PSCredential -ArgumentList $UserName, $secure
}

function Import-StagedThuliumPS {
    [CmdletBinding()]
    param()
    $manifest = Join-Path $script:RepoRoot 'out/ThuliumPS/ThuliumPS.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The staged module '$manifest' does not exist. Run: dotnet build ThuliumPS.sln -c Release"
    }
    Import-Module $manifest -Force -Global -ErrorAction Stop
}

function Clear-ThuliumEnvironment {
    <#
    .SYNOPSIS
    Removes the THULIUM_* environment variables the module reads; returns what was there, for Restore-.
    #>
    [CmdletBinding()]
    param()
    $saved = @{}
    foreach ($name in 'THULIUM_INSTANCE', 'THULIUM_BASE_URI', 'THULIUM_API_USER', 'THULIUM_API_PASSWORD', 'THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $saved
}

function Restore-ThuliumEnvironment {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $Saved)
    foreach ($name in $Saved.Keys) {
        [Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
}

function Write-TestCsv {
    <#
    .SYNOPSIS
    Writes CSV text as UTF-8 with BOM (read correctly by Import-Csv on 5.1 and 7); returns the path.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string[]] $Line
    )
    [System.IO.File]::WriteAllText($Path, (($Line -join "`r`n") + "`r`n"), [System.Text.UTF8Encoding]::new($true))
    $Path
}

function Start-ThuliumTestSession {
    <#
    .SYNOPSIS
    What most test files start with: the staged module imported, a sandbox started (options as Start-ThuliumSandbox),
    the THULIUM_* variables set aside, and a default connection to the sandbox without retries. Returns the sandbox.
    #>
    [CmdletBinding()]
    param(
        [switch] $Demo,
        [int] $LatencyMs = 0
    )
    Import-StagedThuliumPS
    $sandbox = Start-ThuliumSandbox -Demo:$Demo -LatencyMs $LatencyMs
    $script:SessionEnvironment = Clear-ThuliumEnvironment
    $null = Connect-Thulium -BaseUri $sandbox.ApiUri -Credential (New-TestCredential) -AllowUnencryptedAuthentication -MaximumRetryCount 0
    $sandbox
}

function Stop-ThuliumTestSession {
    <#
    .SYNOPSIS
    Undoes Start-ThuliumTestSession: disconnects, puts the THULIUM_* variables back and stops the sandbox.
    #>
    [CmdletBinding()]
    param($Sandbox)
    if (Get-Command Disconnect-Thulium -ErrorAction SilentlyContinue) { Disconnect-Thulium }
    if ($script:SessionEnvironment) { Restore-ThuliumEnvironment $script:SessionEnvironment }
    Stop-ThuliumSandbox -Sandbox $Sandbox
}

function Get-SentItemCount {
    <#
    .SYNOPSIS
    How many items the /api/ requests since the last reset carried, in all.
    #>
    [CmdletBinding()]
    [OutputType([int])]
    param($Sandbox)
    $sum = 0
    foreach ($request in @(Get-ThuliumSandboxRequest -Sandbox $Sandbox)) { $sum += [int]$request.items }
    $sum
}

function Get-RequestTarget {
    <#
    .SYNOPSIS
    The targets of the /api/ requests since the last reset, %5B%5D decoded, so assertions need not care how
    brackets were sent. Wrap calls in @() : a single target comes back as a string.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param($Sandbox)
    @(Get-ThuliumSandboxRequest -Sandbox $Sandbox | ForEach-Object { [uri]::UnescapeDataString([string]$_.target) })
}

function Get-CampaignRecord {
    <#
    .SYNOPSIS
    The records of one campaign in a sandbox state (none when the campaign is absent).
    #>
    [CmdletBinding()]
    param($State, [string] $Id)
    foreach ($c in @($State.campaigns)) { if ($c.id -eq $Id) { @($c.records) } }
}

function Get-ThuliumSandboxCustomerId {
    <#
    .SYNOPSIS
    The ids of the customers the sandbox holds now, sorted.
    #>
    [CmdletBinding()]
    param($Sandbox)
    @((Get-ThuliumSandboxState -Sandbox $Sandbox).customers | ForEach-Object { [long]$_.customer_id } | Sort-Object)
}

$exported = @(
    'Get-RepositoryRoot', 'Get-FreeTcpPort', 'Start-ThuliumSandbox', 'Stop-ThuliumSandbox', 'Reset-ThuliumSandbox',
    'Get-ThuliumSandboxState', 'Get-ThuliumSandboxRequest', 'Set-ThuliumSandboxFault', 'Add-ThuliumSandboxSeed',
    'Add-ThuliumSandboxDemoSeed', 'New-TestCredential', 'Import-StagedThuliumPS', 'Clear-ThuliumEnvironment',
    'Restore-ThuliumEnvironment', 'Write-TestCsv', 'Start-ThuliumTestSession', 'Stop-ThuliumTestSession', 'Get-SentItemCount',
    'Get-RequestTarget', 'Get-CampaignRecord', 'Get-ThuliumSandboxCustomerId'
)
Export-ModuleMember -Function $exported
