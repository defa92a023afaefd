#Requires -Version 7.4

<#
.SYNOPSIS
    The end-to-end benchmark of issue 9: the module from Import-Csv to the wire, against sandboxes it starts as child
    processes on free loopback ports, compared with a plain C# sender, a per-row Invoke-RestMethod loop and
    Import-Csv alone; peak memory at two input sizes; a rate-limited server. Writes docs/benchmarks.md.

.DESCRIPTION
    Run it through the build script, which builds Release first: pwsh ./build.ps1 -Task Benchmark
    Not part of CI and not a test: it measures this machine, once, and says which of issue 9's targets are met.
    Every case runs in a fresh child pwsh (EndToEndCase.ps1), warmed up on a small file first; the sandbox is reset
    before each timed run. Loopback only; every loop is bounded by the row counts below.
#>
[CmdletBinding()]
param(
    [int] $Rows0Ms = 200000,
    [int] $Rows20Ms = 100000,
    [int] $RestMethodRows = 500,
    [int] $MemorySmallRows = 10000,
    [int] $MemoryRows = 1000000,
    [int] $RateLimitedRows = 20000,
    [int] $RateLimit = 20,
    [int] $BatchSize = 100,
    [int] $ThrottleLimit = 4,
    # Also time the per-stage probe and -WhatIf runs ("where the time goes"), on this many rows at 0 ms.
    [int] $ProfileRows = 200000,
    # Fresh module / plain sender pairs at 20 ms: that ratio sits near its target, within one pair's noise of it.
    [ValidateRange(1, 9)][int] $FreshPairs20Ms = 3,
    [string] $OutFile,
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
if (-not $OutFile) { $OutFile = Join-Path $root 'docs/benchmarks.md' }
$modulePath = Join-Path $root 'out/ThuliumPS/ThuliumPS.psd1'
$sandboxDll = Join-Path $root "tests/ThuliumPS.Sandbox/bin/$Configuration/net10.0/ThuliumPS.Sandbox.dll"
$senderDll = Join-Path $root "tests/ThuliumPS.Benchmarks/bin/$Configuration/net10.0/ThuliumPS.Benchmarks.dll"
$caseScript = Join-Path $PSScriptRoot 'EndToEndCase.ps1'
foreach ($file in $modulePath, $sandboxDll, $senderDll) {
    if (-not (Test-Path -LiteralPath $file)) { throw "'$file' is missing: build first (pwsh ./build.ps1 -Task Benchmark builds it)." }
}
$pwsh = (Get-Process -Id $PID).Path
$work = Join-Path ([IO.Path]::GetTempPath()) ('thuliumps-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work

function Write-Step([string] $Text) { Write-Information ("[{0:HH:mm:ss}] {1}" -f (Get-Date), $Text) -InformationAction Continue }

function New-CustomerCsv([string] $Path, [int] $Rows) {
    # Ten columns as admins export them: snake_case, nested address parts, one custom field. Every row valid.
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.WriteLine('name,surname,email,phone_number,identifier,job_title,address.street,address.city,address.postcode,custom_fields.Segment')
        for ($i = 1; $i -le $Rows; $i++) {
            $writer.WriteLine("Jan$i,Kowalski$i,jan$i@example.com,+4860$($i.ToString('0000000')),ID-$i,Consultant,Dluga $($i % 200),Gdansk,80-$($i % 1000),S$($i % 7)")
        }
    }
    finally { $writer.Dispose() }
}

function New-IdCsv([string] $Path, [int] $Rows) {
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try { $writer.WriteLine('customer_id'); for ($i = 1; $i -le $Rows; $i++) { $writer.WriteLine($i) } }
    finally { $writer.Dispose() }
}

function Get-FreePort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    try { $listener.Start(); ([Net.IPEndPoint]$listener.LocalEndpoint).Port } finally { $listener.Stop() }
}

function Start-Sandbox([string[]] $Options) {
    $port = Get-FreePort
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($sandboxDll, '--urls', "http://127.0.0.1:$port") + $Options) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $null = $process.StandardOutput.ReadToEndAsync(); $null = $process.StandardError.ReadToEndAsync()
    $base = [uri]"http://127.0.0.1:$port/"
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try { $null = Invoke-RestMethod ([uri]::new($base, '_sandbox/reset')) -Method Post -TimeoutSec 2; break }
        catch {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw "The sandbox ($($Options -join ' ')) did not start." }
            Start-Sleep -Milliseconds 200
        }
    }
    [pscustomobject]@{ Process = $process; Base = $base; Api = [uri]::new($base, 'api/'); Options = $Options -join ' ' }
}

function Stop-Sandbox($Sandbox) {
    if (-not $Sandbox.Process.HasExited) { $Sandbox.Process.Kill(); $null = $Sandbox.Process.WaitForExit(10000) }
    $Sandbox.Process.Dispose()
}

function Reset-Sandbox($Sandbox) { $null = Invoke-RestMethod ([uri]::new($Sandbox.Base, '_sandbox/reset')) -Method Post }

function Invoke-Child([string] $File, [string[]] $Arguments, $Sandbox, [int] $ResetEverySec = 0, [hashtable] $Environment = @{}) {
    # Runs one child process to its end and returns what it printed; the child measures its own run and the sandbox's
    # CPU over it. With ResetEverySec the sandbox is emptied meanwhile (the memory case: a million stored customers
    # would make the server the subject). Environment adds variables to the child's (runtime settings).
    $info = [Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync(); $stderr = $process.StandardError.ReadToEndAsync()
    $lastReset = [Diagnostics.Stopwatch]::StartNew()
    while (-not $process.WaitForExit(250)) {
        if ($clock.Elapsed.TotalMinutes -gt 20) { $process.Kill(); throw "$File $($Arguments -join ' ') ran over 20 minutes." }
        if ($ResetEverySec -gt 0 -and $lastReset.Elapsed.TotalSeconds -ge $ResetEverySec) { Reset-Sandbox $Sandbox; $lastReset.Restart() }
    }
    $process.WaitForExit()
    $out = $stdout.GetAwaiter().GetResult(); $err = $stderr.GetAwaiter().GetResult()
    if ($process.ExitCode -ne 0) { throw "$File $($Arguments -join ' ') failed ($($process.ExitCode)):`n$err`n$($out | Select-Object -Last 20)" }
    $out
}

function Invoke-Case($Sandbox, [string] $Case, [string] $Csv, [int] $Rows, [string] $WarmCsv, [int] $Stage = 0, [int] $ResetEverySec = 0, [int] $WarmRuns = 1, [hashtable] $Environment = @{}) {
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $caseScript, '-Case', $Case, '-Csv', $Csv, '-ModulePath', $modulePath,
        '-ApiUri', $Sandbox.Api, '-BatchSize', $BatchSize, '-ThrottleLimit', $ThrottleLimit, '-Stage', $Stage, '-ServerProcessId', $Sandbox.Process.Id)
    if ($WarmCsv) { $arguments += @('-WarmCsv', $WarmCsv, '-WarmRuns', $WarmRuns) }
    $out = Invoke-Child $pwsh $arguments $Sandbox $ResetEverySec $Environment
    $line = ($out -split "`n" | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1)
    if (-not $line) { throw "Case $Case printed no RESULT line:`n$($out | Select-Object -Last 20)" }
    $r = $line.Substring(7) | ConvertFrom-Json
    $r | Add-Member -NotePropertyMembers @{ rows = $Rows; failed = $r.failed_rows }
    $r
}

function Invoke-PlainSender($Sandbox, [string] $Csv, [int] $Rows, [string] $WarmCsv) {
    $out = Invoke-Child 'dotnet' @($senderDll, 'plain-sender', '--csv', $Csv, '--api-uri', $Sandbox.Api, '--batch-size', $BatchSize,
        '--concurrency', $ThrottleLimit, '--warmup-csv', $WarmCsv, '--server-pid', $Sandbox.Process.Id) $Sandbox
    $r = ($out.Trim() -split "`n")[-1] | ConvertFrom-Json
    # The sender's own counters cover the timed run, as the pwsh cases' do; it has no peak working set of that run.
    [pscustomobject]@{ case = 'plain'; stage = 0; elapsed_ms = [math]::Round($r.elapsed_ms, 1); rows = $Rows; failed = $r.failed
        server_cpu_ms = [math]::Round($r.server_cpu_ms, 1); cpu_ms = [math]::Round($r.cpu_ms, 1); jit_ms = [math]::Round($r.jit_ms, 1)
        jit_methods = $r.jit_methods; gc0 = $r.gc0; gc1 = $r.gc1; gc2 = $r.gc2; gc_pause_ms = [math]::Round($r.gc_pause_ms, 1)
        alloc_mb = [math]::Round($r.alloc_mb, 1); peak_ws_mb = $null; ws_before_mb = $null; ws_after_mb = $null; pipeline_cpu_ms = $null }
}

$results = [Collections.Generic.List[object]]::new()
function Add-Result([string] $Label, [string] $Latency, $R) {
    $R | Add-Member -NotePropertyMembers @{ label = $Label; latency = $Latency } -Force
    $results.Add($R)
    $rate = if ($R.elapsed_ms -gt 0) { $R.rows / ($R.elapsed_ms / 1000) } else { 0 }
    Write-Step ('{0} @ {1}: {2:N0} rows in {3:N2} s = {4:N0} rows/s, failed {5}' -f $Label, $Latency, $R.rows, ($R.elapsed_ms / 1000), $rate, $R.failed)
}

function Add-SenderCases($Sandbox, [string] $Latency, [int] $Rows) {
    # The module (create, then delete of what it created) and the plain sender on the same file, each fresh (a
    # 300-row warm-up) and warm (the same file once before, in the same process). A fresh pwsh keeps compiling hot
    # code (tier-1 JIT) for seconds into a run of this size, and the module touches far more code than Import-Csv;
    # the warm runs show the cost per row once that is done (a long session, the second file of the day).
    $file = $files[$Rows]
    Add-Result 'New-ThuliumCustomer' $Latency (Invoke-Case $Sandbox 'create' $file $Rows $warm)
    Add-Result 'Remove-ThuliumCustomer' $Latency (Invoke-Case $Sandbox 'delete' $idsFor[$Rows] $Rows $warmIds)
    Reset-Sandbox $Sandbox
    Add-Result 'plain C# sender' $Latency (Invoke-PlainSender $Sandbox $file $Rows $warm)
    Reset-Sandbox $Sandbox
    Add-Result 'New-ThuliumCustomer, warm' $Latency (Invoke-Case $Sandbox 'create' $file $Rows $file)
    Reset-Sandbox $Sandbox
    Add-Result 'plain C# sender, warm' $Latency (Invoke-PlainSender $Sandbox $file $Rows $file)
}

try {
    Write-Step "Writing CSV files to $work"
    $files = @{}
    foreach ($n in ($Rows0Ms, $Rows20Ms, $RestMethodRows, $MemorySmallRows, $MemoryRows, $RateLimitedRows, $ProfileRows, 300 | Sort-Object -Unique)) {
        $files[$n] = Join-Path $work "customers-$n.csv"; New-CustomerCsv $files[$n] $n
    }
    $warm = $files[300]
    $idsFor = @{}
    foreach ($n in ($Rows0Ms, $Rows20Ms | Sort-Object -Unique)) { $idsFor[$n] = Join-Path $work "ids-$n.csv"; New-IdCsv $idsFor[$n] $n }
    $warmIds = Join-Path $work 'ids-warm.csv'
    $writer = [IO.StreamWriter]::new($warmIds); $writer.WriteLine('customer_id'); 1..300 | ForEach-Object { $writer.WriteLine(900000000 + $_) }; $writer.Dispose()
    # Hundreds of MB were just written: in a first run, the write-back made the first case (Import-Csv alone) wait
    # for I/O (6.7 s wall, 3.5 s CPU, against 2.4 s when run later). Flush first, and time Import-Csv after other cases.
    if (Get-Command sync -CommandType Application -ErrorAction Ignore) { & sync }

    $noTieredPgo = @{ DOTNET_TieredPGO = '0' }

    # ---- 0 ms
    $s0 = Start-Sandbox @('--latency-ms', '0')
    try {
        Add-SenderCases $s0 '0 ms' $Rows0Ms
        # A long session: the second run of a file still compiles a thousand methods (see the JIT column); the fourth
        # shows what is left once PowerShell's per-command code has reached tier 1 as well.
        Reset-Sandbox $s0
        Add-Result 'New-ThuliumCustomer, warm (4th run)' '0 ms' (Invoke-Case $s0 'create' $files[$Rows0Ms] $Rows0Ms $files[$Rows0Ms] -WarmRuns 3)
        Reset-Sandbox $s0
        Add-Result 'Import-Csv alone' '0 ms' (Invoke-Case $s0 'import' $files[$Rows0Ms] $Rows0Ms $warm)
        Reset-Sandbox $s0
        Add-Result 'Import-Csv alone, warm' '0 ms' (Invoke-Case $s0 'import' $files[$Rows0Ms] $Rows0Ms $files[$Rows0Ms])
        # The fresh runs again in a pwsh started with DOTNET_TieredPGO=0, a documented .NET setting of the process (the
        # module cannot set it): a fresh process spends much of a big run instrumenting hot code and recompiling it
        # with the profile, which a one-off import never earns back. Not a target: a measured option for admins. The
        # default fresh run once more just before, so that the comparison is of neighbours (the machine drifts).
        Reset-Sandbox $s0
        Add-Result 'New-ThuliumCustomer (next to the DOTNET_TieredPGO=0 run)' '0 ms' (Invoke-Case $s0 'create' $files[$Rows0Ms] $Rows0Ms $warm)
        Reset-Sandbox $s0
        Add-Result 'New-ThuliumCustomer, pwsh with DOTNET_TieredPGO=0' '0 ms' (Invoke-Case $s0 'create' $files[$Rows0Ms] $Rows0Ms $warm -Environment $noTieredPgo)
        Reset-Sandbox $s0
        Add-Result 'Import-Csv alone, pwsh with DOTNET_TieredPGO=0' '0 ms' (Invoke-Case $s0 'import' $files[$Rows0Ms] $Rows0Ms $warm -Environment $noTieredPgo)
        Reset-Sandbox $s0
        Add-Result 'New-ThuliumCustomer, warm (4th run), pwsh with DOTNET_TieredPGO=0' '0 ms' (Invoke-Case $s0 'create' $files[$Rows0Ms] $Rows0Ms $files[$Rows0Ms] -WarmRuns 3 -Environment $noTieredPgo)
        if ($ProfileRows -gt 0) {
            foreach ($stage in 1..6) {
                Reset-Sandbox $s0
                Add-Result "stage $stage" '0 ms' (Invoke-Case $s0 'stage' $files[$ProfileRows] $ProfileRows $warm -Stage $stage)
            }
            Reset-Sandbox $s0
            Add-Result 'New-ThuliumCustomer -WhatIf' '0 ms' (Invoke-Case $s0 'whatif' $files[$ProfileRows] $ProfileRows $warm)
            if ($ProfileRows -ne $Rows0Ms) {
                Reset-Sandbox $s0
                Add-Result 'Import-Csv alone (profile)' '0 ms' (Invoke-Case $s0 'import' $files[$ProfileRows] $ProfileRows $warm)
                Reset-Sandbox $s0
                Add-Result 'New-ThuliumCustomer (profile)' '0 ms' (Invoke-Case $s0 'create' $files[$ProfileRows] $ProfileRows $warm)
            }
        }
        foreach ($n in $MemorySmallRows, $MemoryRows) {
            Reset-Sandbox $s0
            Add-Result "memory: New-ThuliumCustomer $n rows" '0 ms' (Invoke-Case $s0 'create' $files[$n] $n $warm -ResetEverySec 5)
        }
    }
    finally { Stop-Sandbox $s0 }

    # ---- 20 ms
    $s20 = Start-Sandbox @('--latency-ms', '20')
    try {
        Add-SenderCases $s20 '20 ms' $Rows20Ms
        # More fresh pairs, each module run just before its plain-sender run, so that a drift of the machine's speed
        # hits both; the target row takes the median of the pairs' ratios.
        for ($pair = 2; $pair -le $FreshPairs20Ms; $pair++) {
            Reset-Sandbox $s20
            Add-Result "New-ThuliumCustomer (pair $pair)" '20 ms' (Invoke-Case $s20 'create' $files[$Rows20Ms] $Rows20Ms $warm)
            Reset-Sandbox $s20
            Add-Result "plain C# sender (pair $pair)" '20 ms' (Invoke-PlainSender $s20 $files[$Rows20Ms] $Rows20Ms $warm)
        }
        Reset-Sandbox $s20
        Add-Result 'Invoke-RestMethod per row' '20 ms' (Invoke-Case $s20 'restmethod' $files[$RestMethodRows] $RestMethodRows $warm)
    }
    finally { Stop-Sandbox $s20 }

    # ---- rate-limited
    $sr = Start-Sandbox @('--latency-ms', '20', '--rate-limit', $RateLimit)
    try {
        $r = Invoke-Case $sr 'create' $files[$RateLimitedRows] $RateLimitedRows $warm
        # The warm-up's requests went before the reset; the state holds the timed run's requests only.
        $state = Invoke-RestMethod ([uri]::new($sr.Base, '_sandbox/state'))
        $requests = @($state.requests)
        $r | Add-Member -NotePropertyMembers @{ requests = $requests.Count; status429 = @($requests | Where-Object status -eq 429).Count; stored = @($state.customers).Count } -Force
        Add-Result "New-ThuliumCustomer, --rate-limit $RateLimit" '20 ms' $r
    }
    finally { Stop-Sandbox $sr }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}

# ---- report
function Find-Result([string] $Label, [string] $Latency) { $results | Where-Object { $_.label -eq $Label -and $_.latency -eq $Latency } | Select-Object -First 1 }
function RowsPerSec($R) { if ($R) { $R.rows / ($R.elapsed_ms / 1000) } else { [double]::NaN } }
function Fmt($Value, [string] $Format = 'N0') { if ($null -eq $Value -or ($Value -is [double] -and [double]::IsNaN($Value))) { '–' } else { $Value.ToString($Format, [Globalization.CultureInfo]::InvariantCulture) } }

$table = [Text.StringBuilder]::new()
$null = $table.AppendLine('| case | latency | rows | time (s) | rows/s | failed rows | client CPU (s) | of it pipeline thread (s) | of it JIT (s, methods) | sandbox CPU (s) | GC gen0/1/2 | GC pause (ms) | allocated (MB) | peak working set (MB) |')
$null = $table.AppendLine('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|')
foreach ($r in $results) {
    $gc = if ($null -ne $r.gc0) { "$($r.gc0)/$($r.gc1)/$($r.gc2)" } else { '–' }
    $cpu = if ($null -ne $r.cpu_ms) { $r.cpu_ms / 1000 } else { $null }
    $jit = if ($null -ne $r.jit_ms) { '{0}, {1}' -f (Fmt ($r.jit_ms / 1000) 'N1'), (Fmt $r.jit_methods) } else { '–' }
    $pipelineCpu = if ($null -ne $r.pipeline_cpu_ms) { $r.pipeline_cpu_ms / 1000 } else { $null }
    $null = $table.AppendLine(('| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7} | {8} | {9} | {10} | {11} | {12} | {13} |' -f $r.label, $r.latency, (Fmt $r.rows),
        (Fmt ($r.elapsed_ms / 1000) 'N2'), (Fmt (RowsPerSec $r)), (Fmt $r.failed), (Fmt $cpu 'N1'), (Fmt $pipelineCpu 'N2'), $jit, (Fmt ($r.server_cpu_ms / 1000) 'N1'), $gc,
        (Fmt $r.gc_pause_ms 'N0'), (Fmt $r.alloc_mb 'N0'), (Fmt $r.peak_ws_mb 'N0')))
}

$module20 = Find-Result 'New-ThuliumCustomer' '20 ms'; $plain20 = Find-Result 'plain C# sender' '20 ms'
$module0 = Find-Result 'New-ThuliumCustomer' '0 ms'; $import0 = Find-Result 'Import-Csv alone' '0 ms'
$memSmall = Find-Result "memory: New-ThuliumCustomer $MemorySmallRows rows" '0 ms'; $memLarge = Find-Result "memory: New-ThuliumCustomer $MemoryRows rows" '0 ms'
$limited = Find-Result "New-ThuliumCustomer, --rate-limit $RateLimit" '20 ms'
$module20w = Find-Result 'New-ThuliumCustomer, warm' '20 ms'; $plain20w = Find-Result 'plain C# sender, warm' '20 ms'
$module0w = Find-Result 'New-ThuliumCustomer, warm' '0 ms'; $import0w = Find-Result 'Import-Csv alone, warm' '0 ms'
$module0w4 = Find-Result 'New-ThuliumCustomer, warm (4th run)' '0 ms'
$plain0 = Find-Result 'plain C# sender' '0 ms'; $plain0w = Find-Result 'plain C# sender, warm' '0 ms'
$module0NoPgo = Find-Result 'New-ThuliumCustomer, pwsh with DOTNET_TieredPGO=0' '0 ms'; $import0NoPgo = Find-Result 'Import-Csv alone, pwsh with DOTNET_TieredPGO=0' '0 ms'
$module0w4NoPgo = Find-Result 'New-ThuliumCustomer, warm (4th run), pwsh with DOTNET_TieredPGO=0' '0 ms'
$module0NextToNoPgo = Find-Result 'New-ThuliumCustomer (next to the DOTNET_TieredPGO=0 run)' '0 ms'
$ratio20 = (RowsPerSec $module20) / (RowsPerSec $plain20)
$pairRatios20 = @($ratio20)
for ($pair = 2; $pair -le $FreshPairs20Ms; $pair++) {
    $pairRatios20 += (RowsPerSec (Find-Result "New-ThuliumCustomer (pair $pair)" '20 ms')) / (RowsPerSec (Find-Result "plain C# sender (pair $pair)" '20 ms'))
}
$median20 = @($pairRatios20 | Sort-Object)[[math]::Floor(($pairRatios20.Count - 1) / 2)]
$ratio0 = $module0.elapsed_ms / $import0.elapsed_ms
$ratio20w = (RowsPerSec $module20w) / (RowsPerSec $plain20w)
$ratio0w = $module0w.elapsed_ms / $import0w.elapsed_ms
$ratio0w4 = $module0w4.elapsed_ms / $import0w.elapsed_ms
$growth = $memLarge.peak_ws_mb - $memSmall.peak_ws_mb
# The serial part: the pipeline thread's CPU (Import-Csv, binding, the module's per-row work, the GCs it triggers),
# against Import-Csv alone's. A server elsewhere and more cores would leave this part as it is.
function SerialRatio($Module, $Import) { if ($Module.pipeline_cpu_ms -and $Import.pipeline_cpu_ms) { $Module.pipeline_cpu_ms / $Import.pipeline_cpu_ms } else { [double]::NaN } }
$share429 = if ($limited.requests) { $limited.status429 / $limited.requests } else { [double]::NaN }
function Verdict([bool] $Met) { if ($Met) { 'met' } else { '**not met**' } }
# Two runs' times side by side, and how much the first differs from the second: "4.41 s vs 5.66 s (-22 %)".
function Versus($Run, $Reference) { '{0} s vs {1} s ({2} %)' -f (Fmt ($Run.elapsed_ms / 1000) 'N2'), (Fmt ($Reference.elapsed_ms / 1000) 'N2'), (Fmt (($Run.elapsed_ms / $Reference.elapsed_ms - 1) * 100) 'N0') }
$targets = @(
    "| 20 ms: module end-to-end ≥ 0.9 × plain sender (fresh process) | $(Fmt $median20 'N3') ×, the median of $($pairRatios20.Count) pairs ($(($pairRatios20 | ForEach-Object { Fmt $_ 'N3' }) -join ', '); the first: $(Fmt (RowsPerSec $module20)) vs $(Fmt (RowsPerSec $plain20)) rows/s) | $(Verdict ($median20 -ge 0.9)) |"
    "| 20 ms: the same, warm (the file sent once before) | $(Fmt $ratio20w 'N2') × ($(Fmt (RowsPerSec $module20w)) vs $(Fmt (RowsPerSec $plain20w)) rows/s) | $(Verdict ($ratio20w -ge 0.9)) |"
    "| 0 ms: module time ≤ 2 × Import-Csv alone (fresh process) | $(Fmt $ratio0 'N2') × ($(Fmt ($module0.elapsed_ms / 1000) 'N1') s vs $(Fmt ($import0.elapsed_ms / 1000) 'N1') s) | $(Verdict ($ratio0 -le 2)) |"
    "| 0 ms: the same, warm (the file read/sent once before) | $(Fmt $ratio0w 'N2') × ($(Fmt ($module0w.elapsed_ms / 1000) 'N1') s vs $(Fmt ($import0w.elapsed_ms / 1000) 'N1') s) | $(Verdict ($ratio0w -le 2)) |"
    "| 0 ms: the same, the 4th run of the file in one process | $(Fmt $ratio0w4 'N2') × ($(Fmt ($module0w4.elapsed_ms / 1000) 'N1') s vs $(Fmt ($import0w.elapsed_ms / 1000) 'N1') s) | $(Verdict ($ratio0w4 -le 2)) |"
    "| 0 ms, for scale (not a target): the plain C# sender against Import-Csv alone, fresh / warm | $(Fmt ($plain0.elapsed_ms / $import0.elapsed_ms) 'N2') × / $(Fmt ($plain0w.elapsed_ms / $import0w.elapsed_ms) 'N2') × | – |"
    "| 0 ms, fresh, in a pwsh started with ``DOTNET_TieredPGO=0`` (not a target: the process's setting): the module against Import-Csv alone with the same setting; the module's time against the default fresh run just before it; the 4th run of the file in such a pwsh against the default 4th run | $(Fmt ($module0NoPgo.elapsed_ms / $import0NoPgo.elapsed_ms) 'N2') × ($(Fmt ($module0NoPgo.elapsed_ms / 1000) 'N1') s vs $(Fmt ($import0NoPgo.elapsed_ms / 1000) 'N1') s); $(Versus $module0NoPgo $module0NextToNoPgo); 4th run $(Versus $module0w4NoPgo $module0w4) | – |"
    "| 0 ms, the serial part (not a target): the pipeline thread's CPU, module against Import-Csv alone, fresh / warm / 4th run | $(Fmt (SerialRatio $module0 $import0) 'N2') × / $(Fmt (SerialRatio $module0w $import0w) 'N2') × / $(Fmt (SerialRatio $module0w4 $import0w) 'N2') × | – |"
    "| peak memory growth $(Fmt $MemorySmallRows) → $(Fmt $MemoryRows) rows < 50 MB | $(Fmt $growth 'N0') MB ($(Fmt $memSmall.peak_ws_mb) → $(Fmt $memLarge.peak_ws_mb) MB) | $(Verdict ($growth -lt 50)) |"
    "| rate-limited ($RateLimit req/s, 20 ms): 0 failed rows | $($limited.failed) failed, $($limited.stored) of $(Fmt $limited.rows) stored | $(Verdict ($limited.failed -eq 0)) |"
    "| rate-limited: ≥ 1,800 rows/s | $(Fmt (RowsPerSec $limited)) rows/s | $(Verdict ((RowsPerSec $limited) -ge 1800)) |"
    "| rate-limited: 429s ≤ 10 % of requests | $(Fmt ($share429 * 100) 'N1') % ($($limited.status429) of $($limited.requests)) | $(Verdict ($share429 -le 0.10)) |"
) -join "`n"

# Where the time goes: each probe stage's cost over the one before, per row.
$profileLines = ''
if ($ProfileRows -gt 0) {
    $base = if ($ProfileRows -eq $Rows0Ms) { $import0 } else { Find-Result 'Import-Csv alone (profile)' '0 ms' }
    $real = if ($ProfileRows -eq $Rows0Ms) { $module0 } else { Find-Result 'New-ThuliumCustomer (profile)' '0 ms' }
    $names = @{ 1 = 'a compiled cmdlet binding each row (empty ProcessRecord)'; 2 = 'PSInput.Item: PSObject → row copy'; 3 = 'CustomerInputMapper.Map: column resolution, validation'
        4 = 'Describe + ShouldProcess per item'; 5 = 'result object + WriteObject'; 6 = 'JSON body per batch of 100 (BuildRequest)' }
    $lines = [Text.StringBuilder]::new()
    $null = $lines.AppendLine('| stage (cumulative) | time (s) | µs/row | added by this stage (µs/row) | pwsh CPU (s) | allocated (MB) | GC gen0/1/2 |')
    $null = $lines.AppendLine('|---|---:|---:|---:|---:|---:|---|')
    $previous = $base
    $rowsUs = { param($r) $r.elapsed_ms * 1000 / $r.rows }
    $null = $lines.AppendLine(('| Import-Csv alone | {0} | {1} | – | {2} | {3} | {4}/{5}/{6} |' -f (Fmt ($base.elapsed_ms / 1000) 'N2'), (Fmt (& $rowsUs $base) 'N1'), (Fmt ($base.cpu_ms / 1000) 'N1'), (Fmt $base.alloc_mb), $base.gc0, $base.gc1, $base.gc2))
    foreach ($stage in 1..6) {
        $r = Find-Result "stage $stage" '0 ms'
        $null = $lines.AppendLine(('| + {0} | {1} | {2} | {3} | {4} | {5} | {6}/{7}/{8} |' -f $names[$stage], (Fmt ($r.elapsed_ms / 1000) 'N2'), (Fmt (& $rowsUs $r) 'N1'),
            (Fmt ((& $rowsUs $r) - (& $rowsUs $previous)) 'N1'), (Fmt ($r.cpu_ms / 1000) 'N1'), (Fmt $r.alloc_mb), $r.gc0, $r.gc1, $r.gc2))
        $previous = $r
    }
    $whatif = Find-Result 'New-ThuliumCustomer -WhatIf' '0 ms'
    foreach ($pair in @(@('New-ThuliumCustomer -WhatIf (no HTTP; What if: lines to the host)', $whatif), @('New-ThuliumCustomer, the real run (HTTP, 0 ms)', $real))) {
        $r = $pair[1]
        $null = $lines.AppendLine(('| {0} | {1} | {2} | {3} over stage 6 | {4} | {5} | {6}/{7}/{8} |' -f $pair[0], (Fmt ($r.elapsed_ms / 1000) 'N2'), (Fmt (& $rowsUs $r) 'N1'),
            (Fmt ((& $rowsUs $r) - (& $rowsUs $previous)) 'N1'), (Fmt ($r.cpu_ms / 1000) 'N1'), (Fmt $r.alloc_mb), $r.gc0, $r.gc1, $r.gc2))
    }
    $null = $lines.AppendLine(('| plain C# sender (reads the CSV itself; {0:N0} rows) | {1} | {2} | – | – | – | – |' -f $plain0.rows, (Fmt ($plain0.elapsed_ms / 1000) 'N2'), (Fmt (& $rowsUs $plain0) 'N1')))
    $profileLines = $lines.ToString()
}

$dotnetVersion = (& dotnet --version).Trim()
$os = if (Test-Path /etc/os-release) { ((Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' }) -replace '^PRETTY_NAME=|"', '') } else { [Runtime.InteropServices.RuntimeInformation]::OSDescription }
$memoryGb = if (Test-Path /proc/meminfo) { [math]::Round(([double]((Get-Content /proc/meminfo -TotalCount 1) -replace '\D', '')) / 1MB, 1) } else { '?' }
$cpuModel = if (Test-Path /proc/cpuinfo) { ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', '') } else { '?' }
$command = "pwsh ./build.ps1 -Task Benchmark" + $(if ($PSBoundParameters.Count) { ' ' + (($PSBoundParameters.GetEnumerator() | ForEach-Object { "-BenchmarkArgs '-$($_.Key) $($_.Value)'" }) -join ' ') } else { '' })

$marker = '<!-- Everything below this line is written by hand and kept when the benchmark rewrites this file. -->'
$kept = if (Test-Path -LiteralPath $OutFile) { $text = Get-Content -LiteralPath $OutFile -Raw; $at = $text.IndexOf($marker); if ($at -ge 0) { $text.Substring($at + $marker.Length).TrimStart("`r", "`n") } else { '' } } else { '' }

$doc = @"
# Benchmarks

Measured by ``$command`` (the script is ``tests/ThuliumPS.Benchmarks/EndToEnd/EndToEnd.ps1``; CI does not run it).
Everything below comes from ONE run on one machine; sandboxes are child processes on 127.0.0.1, Release build.

| machine | |
|---|---|
| date (UTC) | $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) |
| cores (``nproc``) | $([Environment]::ProcessorCount) ($cpuModel) |
| memory | $memoryGb GB |
| OS | $os |
| pwsh | $($PSVersionTable.PSVersion) |
| dotnet SDK | $dotnetVersion |

Settings: ``-BatchSize $BatchSize -ThrottleLimit $ThrottleLimit`` (the defaults); a 10-column customer CSV (name, surname, e-mail,
phone, identifier, job title, three address parts, one custom field), every row valid. Each case runs in a fresh
child ``pwsh`` (or ``dotnet`` for the plain sender), first once on a 300-row file (JIT, connections), then timed from
the first row read to the last result written, after a sandbox reset. Cases marked "warm" run the same file once
before instead, in the same process: a fresh process keeps compiling hot code for seconds into a run of this size.
"Warm (4th run)" runs the file three times before the timed run, as a long session would have. At 20 ms the fresh
module and plain sender also run as $FreshPairs20Ms pairs ("pair 2", ...: each module run just before its sender
run), and the fresh target takes the median of the pairs' ratios.
Client CPU (pwsh's, or the plain sender's), JIT time, GC and allocations are the child's over the timed run; of it,
the pipeline thread's CPU is that of the one thread every command of the measured pipeline runs on (Linux only):
the serial part, which more cores or a server elsewhere would not shorten. JIT is
the time the runtime spent compiling, on any thread (``System.Runtime.JitInfo``), and the methods it compiled. Sandbox
CPU is the server process's over the timed run. Module runs pipe to ``Out-Null``: results are made and written, not
kept. The memory runs empty the sandbox every 5 s so that the
server's million stored customers do not compete for the two cores.

## Results

$($table.ToString())
## Targets (issue 9)

| target | measured | verdict |
|---|---|---|
$targets

## Where the time goes (0 ms, $(Fmt $ProfileRows) rows)

Stage probe: ``Import-Csv | Test-ThuliumStage -Stage N | Out-Null``, a throwaway compiled cmdlet
(``EndToEnd/StageProbe.cs``, built by ``Add-Type`` in the child) that repeats the module's per-row work up to stage N
by calling the module's own code (``PSInput.Item``, ``CustomerInputMapper``, ``CreateCustomersEndpoint.BuildRequest``)
and nothing else: no HTTP, no runner. Each line's added cost is its time per row minus the line above.

$profileLines
$marker

$kept
"@
$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutFile)
Set-Content -LiteralPath $OutFile -Value $doc.TrimEnd() -Encoding utf8NoBOM
Write-Step "Wrote $OutFile"
$table.ToString()
$targets
$profileLines
