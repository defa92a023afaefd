#Requires -Version 5.1

<#
.SYNOPSIS
    ThuliumPS's main job, end to end, against the local Thulium sandbox.

.DESCRIPTION
    Rehearses a customer import with -WhatIf, imports examples/customers.csv for real (bad rows fail with an error
    each; the good ones are created), adds custom-field group items, removes CRM campaign records, and finally
    removes the customers it created. Every section shows its results and its errors, and the script ends with a
    summary line per section.

    Without -BaseUri it starts its own sandbox (with --demo data) on a free loopback port and stops it at the end,
    so it never disturbs a sandbox someone else is using. With -BaseUri it uses the sandbox there (start that one
    with --demo), or starts one at that address when nothing answers.

    Exit code 0 when every section ran and every input row got its result (rows the server refuses are part of the
    demo); 1 when a section could not run or a row got no result. Build first: dotnet build ThuliumPS.sln -c Release

.EXAMPLE
    pwsh examples/Demo.ps1
.EXAMPLE
    pwsh examples/Demo.ps1 -BaseUri http://127.0.0.1:5151/api/
#>
# PSScriptAnalyzer (PSScriptAnalyzerSettings.psd1, run by CI): what this demo does on purpose, said once here.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingWriteHost', '',
    Justification = 'A demo for a person at a console: section titles and summaries go to the host on purpose; the results stay objects.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingConvertToSecureStringWithPlainText', '',
    Justification = 'The default credential is the local sandbox''s published demo account (api_user/api_pass), not a secret.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingAllowUnencryptedAuthentication', '',
    Justification = 'The sandbox listens on plain http on the loopback address only.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '',
    Justification = 'Start-/Stop-DemoSandbox are private helpers that start and stop the demo''s own child process; there is nothing to rehearse.')]
[CmdletBinding()]
param(
    # The sandbox's API root (ending in /api/). Default: a sandbox of the demo's own on a free port.
    [uri] $BaseUri,

    # The API user. Default: the sandbox's demo account (api_user / api_pass), which is no secret.
    [pscredential] $Credential = [pscredential]::new('api_user', (ConvertTo-SecureString 'api_pass' -AsPlainText -Force))
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'out/ThuliumPS/ThuliumPS.psd1') -Force

function Write-Section([string] $Title) {
    Write-Host "`n== $Title" -ForegroundColor Cyan
}

function Get-FreeLoopbackPort {
    # Port 0 lets the OS choose a free port; released at once so the sandbox can bind it.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try { $listener.Start(); ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port }
    finally { $listener.Stop() }
}

function Test-SandboxAnswer([uri] $Uri) {
    try { $null = Invoke-RestMethod ([uri]::new($Uri, '/_sandbox/state')) -TimeoutSec 2; $true }
    catch { $false }
}

function Start-DemoSandbox([uri] $Uri) {
    $dll = Join-Path $root 'tests/ThuliumPS.Sandbox/bin/Release/net10.0/ThuliumPS.Sandbox.dll'
    if (-not (Test-Path -LiteralPath $dll)) {
        throw "The sandbox is not built ('$dll' is missing). Run first: dotnet build ThuliumPS.sln -c Release"
    }
    # The child's output goes to temp files: it must not interleave with the demo's, and -WindowStyle exists on
    # Windows only. -NoNewWindow (Windows only too) keeps a console window from popping up there.
    $log = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-demo-sandbox-' + [guid]::NewGuid().ToString('N'))
    $startArgs = @{
        FilePath               = 'dotnet'
        ArgumentList           = @("`"$dll`"", '--urls', $Uri.GetLeftPart([UriPartial]::Authority), '--demo')
        RedirectStandardOutput = "$log.out.txt"
        RedirectStandardError  = "$log.err.txt"
        PassThru               = $true
    }
    if ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) { $startArgs.NoNewWindow = $true }
    $process = Start-Process @startArgs
    $sandbox = [pscustomobject]@{ Process = $process; Logs = @("$log.out.txt", "$log.err.txt") }

    # Wait for it to answer (it needs a second or two to start), giving up when it exits or after 30 s.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Test-SandboxAnswer $Uri)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $output = ($sandbox.Logs | Where-Object { Test-Path -LiteralPath $_ } | ForEach-Object { Get-Content -LiteralPath $_ -Raw }) -join "`n"
            Stop-DemoSandbox $sandbox
            throw "The sandbox did not answer at $Uri. Its output:`n$output"
        }
        Start-Sleep -Milliseconds 200
    }
    $sandbox
}

function Stop-DemoSandbox($Sandbox) {
    if (-not $Sandbox) { return }
    if (-not $Sandbox.Process.HasExited) {
        $Sandbox.Process.Kill()
        $null = $Sandbox.Process.WaitForExit(10000)
    }
    Remove-Item -LiteralPath $Sandbox.Logs -ErrorAction Ignore
}

# Runs one section: shows its results as a table and each error on one line, and records a summary line.
# The commands run with -ErrorAction SilentlyContinue -ErrorVariable: every error is printed below (error id, input
# row, the server's message) in one line instead of PowerShell's multi-line display, so nothing is hidden.
$summary = [System.Collections.Generic.List[string]]::new()
$problems = [System.Collections.Generic.List[string]]::new()
function Invoke-DemoSection {
    param(
        [string] $Title,
        [string] $Name,
        [object[]] $Rows,
        [scriptblock] $Command
    )
    Write-Section $Title
    $results = @()
    $errors = @()
    $script:sectionErrors = @()
    try {
        $results = @(& $Command $Rows)
        $errors = @($script:sectionErrors)
    }
    catch {
        $problems.Add("${Name}: the section stopped: $($_.Exception.Message)")
        $summary.Add("${Name}: STOPPED - $($_.Exception.Message)")
        Write-Host "The section stopped: $_" -ForegroundColor Red
        return @()
    }

    if ($results.Count -gt 0) { $results | Format-Table -AutoSize | Out-Host }
    foreach ($e in $errors) {
        $detail = if ($e.ErrorDetails) { $e.ErrorDetails.Message } else { $e.Exception.Message }
        $row = [array]::IndexOf($Rows, $e.TargetObject)
        $where = if ($row -ge 0) { "input #$row" } else { 'input' }
        Write-Host ("  error {0} ({1}): {2}" -f $e.FullyQualifiedErrorId, $where, $detail) -ForegroundColor Yellow
    }

    $byOutcome = ($results | Group-Object { '{0}/{1}' -f $_.Outcome, $_.Status } | Sort-Object Name |
        ForEach-Object { '{0} {1}' -f $_.Name, $_.Count }) -join ', '
    if (-not $byOutcome) { $byOutcome = 'none' }
    $line = '{0}: {1} row(s), {2} result(s) [{3}], {4} succeeded, {5} error(s)' -f $Name, $Rows.Count, $results.Count,
        $byOutcome, @($results | Where-Object Succeeded).Count, $errors.Count
    $summary.Add($line)
    # One result per input row, a rehearsal included. A row without a result was dropped, which the demo must not hide.
    if ($results.Count -ne $Rows.Count) {
        $problems.Add("${Name}: $($Rows.Count) row(s) in, $($results.Count) result(s) out")
    }
    $results
}

$sandbox = $null
$exitCode = 0
try {
    if ($null -eq $BaseUri) {
        $BaseUri = 'http://127.0.0.1:{0}/api/' -f (Get-FreeLoopbackPort)
        $sandbox = Start-DemoSandbox $BaseUri
    }
    elseif (-not (Test-SandboxAnswer $BaseUri)) {
        $sandbox = Start-DemoSandbox $BaseUri
    }
    Write-Host "Sandbox: $BaseUri$(if ($sandbox) { ' (started by this demo, with --demo data)' })"

    Connect-Thulium -BaseUri $BaseUri -Credential $Credential -AllowUnencryptedAuthentication | Out-Null

    $customers = @(Import-Csv (Join-Path $PSScriptRoot 'customers.csv'))
    $null = Invoke-DemoSection -Title 'Rehearsal (-WhatIf): nothing is sent; every row gets a result, the bad ones fail already' -Name 'rehearsal' -Rows $customers -Command {
        $args[0] | New-ThuliumCustomer -WhatIf -ErrorAction SilentlyContinue -ErrorVariable script:sectionErrors
    }

    $created = Invoke-DemoSection -Title 'Import: one typed result per row, in input order' -Name 'import' -Rows $customers -Command {
        $args[0] | New-ThuliumCustomer -ErrorAction SilentlyContinue -ErrorVariable script:sectionErrors
    }

    $items = @(Import-Csv (Join-Path $PSScriptRoot 'field-group-items.csv'))
    $null = Invoke-DemoSection -Title 'Custom-field group items (one request per item, several in flight)' -Name 'field-group items' -Rows $items -Command {
        $args[0] | Add-ThuliumFieldGroupItem -ErrorAction SilentlyContinue -ErrorVariable script:sectionErrors
    }

    $records = @(Import-Csv (Join-Path $PSScriptRoot 'crm-records.csv'))
    $null = Invoke-DemoSection -Title 'CRM campaign records (grouped per campaign, ids zero-padded)' -Name 'crm records' -Rows $records -Command {
        $args[0] | Remove-ThuliumCrmRecord -Force -ErrorAction SilentlyContinue -ErrorVariable script:sectionErrors
    }

    $toRemove = @($created | Where-Object Succeeded)
    $null = Invoke-DemoSection -Title 'Clean-up: remove the customers the import created' -Name 'clean-up' -Rows $toRemove -Command {
        $args[0] | Remove-ThuliumCustomer -Force -ErrorAction SilentlyContinue -ErrorVariable script:sectionErrors
    }
}
catch {
    $problems.Add("the demo stopped: $($_.Exception.Message)")
    Write-Host "The demo stopped: $_" -ForegroundColor Red
}
finally {
    if (Get-Module ThuliumPS) { Disconnect-Thulium }
    Stop-DemoSandbox $sandbox
}

Write-Section 'Summary'
$summary | ForEach-Object { Write-Host $_ }
if ($problems.Count -gt 0) {
    $problems | ForEach-Object { Write-Host "PROBLEM: $_" -ForegroundColor Red }
    Write-Host "Demo FAILED: $($problems.Count) problem(s)."
    $exitCode = 1
}
else {
    Write-Host "Demo finished: $($summary.Count) sections ran; every row got its result (refused rows are part of the demo)."
}
exit $exitCode
