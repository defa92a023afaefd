#Requires -Version 7.4

<#
.SYNOPSIS
    One case of the end-to-end benchmark, run by EndToEnd.ps1 in a child pwsh of its own (fresh process: its memory
    and GC counts are the case's alone). Prints one line 'RESULT {json}' last.

.DESCRIPTION
    Cases: import (Import-Csv | Out-Null), create (Import-Csv | New-ThuliumCustomer | Out-Null), whatif (the same
    with -WhatIf), delete (Import-Csv ids | Remove-ThuliumCustomer -Force | Out-Null), restmethod (one
    Invoke-RestMethod per row), stage (Import-Csv | Test-ThuliumStage -Stage N | Out-Null, see StageProbe.cs).
    Each case first runs on -WarmCsv (JIT, connection), -WarmRuns times, then the sandbox is reset and the timed run
    starts.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][ValidateSet('import', 'create', 'whatif', 'delete', 'restmethod', 'stage')][string] $Case,
    [Parameter(Mandatory)][string] $Csv,
    [string] $WarmCsv,
    # How many times the warm-up file runs before the timed run (a long session has run many commands before).
    [ValidateRange(1, 10)][int] $WarmRuns = 1,
    [uri] $ApiUri,
    [int] $BatchSize = 100,
    [int] $ThrottleLimit = 4,
    [int] $Stage = 0,
    [string] $ModulePath,
    # The sandbox's process: its CPU is measured over the timed run only (not the warm-up).
    [int] $ServerProcessId = 0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath

if ($ApiUri) {
    $credential = [pscredential]::new('api_user', (ConvertTo-SecureString 'api_pass' -AsPlainText -Force))
    $null = Connect-Thulium -BaseUri $ApiUri -Credential $credential -AllowUnencryptedAuthentication
    $control = [uri]::new($ApiUri, '/_sandbox/')
}
if ($Case -eq 'stage') {
    $source = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot 'StageProbe.cs')
    $loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'ThuliumPS', 'ThuliumPS.Core' } | ForEach-Object Location
    Add-Type -TypeDefinition $source -ReferencedAssemblies (@($loaded) + [psobject].Assembly.Location + 'netstandard', 'System.Collections', 'System.Linq', 'System.Text.Json', 'System.Net.Http', 'System.Net.Primitives', 'System.Runtime') -PassThru |
        Where-Object { $_.Name -eq 'TestThuliumStageCommand' } | ForEach-Object { Import-Module -Assembly $_.Assembly }
}

# The CPU time of the thread this script (and so every command of its pipelines) runs on: the serial part of a run,
# which a faster server or more cores would not shorten. Linux only (/proc/thread-self/stat, utime + stime in clock
# ticks of 1/100 s, fields 14 and 15 of proc(5)); null elsewhere.
function Get-PipelineThreadCpuMs {
    if (-not [IO.File]::Exists('/proc/thread-self/stat')) { return $null }
    $stat = [IO.File]::ReadAllText('/proc/thread-self/stat')
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    ([long]$fields[11] + [long]$fields[12]) * 10
}

$headers = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('api_user:api_pass')) }

function Invoke-Case([string] $File) {
    switch ($Case) {
        'import' { Import-Csv -LiteralPath $File | Out-Null }
        # A failed row gets a result and an error: the errors collected are the failed rows.
        'create' {
            Import-Csv -LiteralPath $File | New-ThuliumCustomer -BatchSize $BatchSize -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable caseErrors | Out-Null
            $script:failedRows = $caseErrors.Count
        }
        'whatif' { Import-Csv -LiteralPath $File | New-ThuliumCustomer -WhatIf | Out-Null }
        'delete' {
            Import-Csv -LiteralPath $File | Remove-ThuliumCustomer -Force -BatchSize $BatchSize -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable caseErrors | Out-Null
            $script:failedRows = $caseErrors.Count
        }
        'stage' { Import-Csv -LiteralPath $File | Test-ThuliumStage -Stage $Stage | Out-Null }
        'restmethod' {
            # What an admin writes without the module: one request per row, one at a time.
            $uri = [uri]::new($ApiUri, 'batch/customers')
            foreach ($row in Import-Csv -LiteralPath $File) {
                $customer = [ordered]@{}
                foreach ($p in $row.PSObject.Properties) {
                    if ($p.Value -eq '') { continue }
                    $parent, $child = $p.Name -split '\.', 2
                    if ($child) {
                        if (-not $customer.Contains($parent)) { $customer[$parent] = [ordered]@{} }
                        $customer[$parent][$child] = $p.Value
                    }
                    else { $customer[$p.Name] = $p.Value }
                }
                $answer = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -ContentType 'application/json' -AllowUnencryptedAuthentication `
                    -Body (ConvertTo-Json -Depth 5 -Compress @{ customers = @($customer) })
                $script:failedRows += [int]($answer.'0'.http_status -ne 201)
            }
        }
    }
}

$script:failedRows = 0
if ($WarmCsv) {
    $warmPreference = $ErrorActionPreference
    $ErrorActionPreference = 'SilentlyContinue'
    for ($i = 0; $i -lt $WarmRuns; $i++) {
        Invoke-Case $WarmCsv 6>$null
        if ($control -and $Case -ne 'delete') { $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($control, 'reset')) }
    }
    $ErrorActionPreference = $warmPreference
    $script:failedRows = 0
}

$process = [System.Diagnostics.Process]::GetCurrentProcess()
[GC]::Collect()
$gc0 = [GC]::CollectionCount(0); $gc1 = [GC]::CollectionCount(1); $gc2 = [GC]::CollectionCount(2)
$pause0 = [GC]::GetTotalPauseDuration()
$alloc0 = [GC]::GetTotalAllocatedBytes($false)
# Time the JIT spent compiling during the run (any thread, the background tier-1 compiles included): a fresh pwsh
# keeps compiling for seconds, and even a second run of the same file compiles hundreds of methods.
$jit0 = [System.Runtime.JitInfo]::GetCompilationTime($false); $jitMethods0 = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$server = if ($ServerProcessId) { [System.Diagnostics.Process]::GetProcessById($ServerProcessId) }
$serverCpu0 = if ($server) { $server.TotalProcessorTime }
$process.Refresh(); $cpu0 = $process.TotalProcessorTime; $ws0 = $process.WorkingSet64
$pipelineCpu0 = Get-PipelineThreadCpuMs
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Case $Csv
$clock.Stop()
$pipelineCpu1 = Get-PipelineThreadCpuMs
$process.Refresh()
if ($server) { $server.Refresh() }

$result = [ordered]@{
    case          = $Case
    stage         = $Stage
    elapsed_ms    = [math]::Round($clock.Elapsed.TotalMilliseconds, 1)
    cpu_ms        = [math]::Round(($process.TotalProcessorTime - $cpu0).TotalMilliseconds, 1)
    pipeline_cpu_ms = if ($null -ne $pipelineCpu0) { $pipelineCpu1 - $pipelineCpu0 } else { $null }
    gc0           = [GC]::CollectionCount(0) - $gc0
    gc1           = [GC]::CollectionCount(1) - $gc1
    gc2           = [GC]::CollectionCount(2) - $gc2
    gc_pause_ms   = [math]::Round(([GC]::GetTotalPauseDuration() - $pause0).TotalMilliseconds, 1)
    alloc_mb      = [math]::Round(([GC]::GetTotalAllocatedBytes($false) - $alloc0) / 1MB, 1)
    jit_ms        = [math]::Round(([System.Runtime.JitInfo]::GetCompilationTime($false) - $jit0).TotalMilliseconds, 1)
    jit_methods   = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods0
    ws_before_mb  = [math]::Round($ws0 / 1MB, 1)
    ws_after_mb   = [math]::Round($process.WorkingSet64 / 1MB, 1)
    peak_ws_mb    = [math]::Round($process.PeakWorkingSet64 / 1MB, 1)
    failed_rows   = $script:failedRows
    server_cpu_ms = if ($server) { [math]::Round(($server.TotalProcessorTime - $serverCpu0).TotalMilliseconds, 1) } else { $null }
}
'RESULT ' + ($result | ConvertTo-Json -Compress)
