#Requires -Version 5.1

<#
.SYNOPSIS
    Unattended customer import for a scheduled job: safe to run again, failed rows written back to a CSV.

.DESCRIPTION
    Imports a CSV of customers with New-ThuliumCustomer and a journal (-JournalPath), so the job can run as often as
    it likes: a row the journal records as created is never sent again (its result says AlreadyDone and carries the
    customer id), a failed row is sent again, and a row whose answer was lost (Outcome Unknown) is left alone until
    someone checks it in Thulium. A run killed half-way is simply run again.

    The connection comes from the environment (Connect-Thulium without arguments reads THULIUM_INSTANCE or
    THULIUM_BASE_URI, THULIUM_API_USER and THULIUM_API_PASSWORD); nothing secret is in the script or its files.

    Each run appends its counts (from the cmdlet's run summary) to the log. Failed rows go to a CSV in the input's own format: correct them and feed
    that file back (with the same -JournalPath). Rows with an unknown outcome go to a CSV of their own.

    Exit code: 0 when every row was created or was already done; 1 when some rows failed or are unknown; 2 when the
    run could not start or was stopped (no connection, the journal in use by another run, wrong credentials).

.EXAMPLE
    pwsh -NoProfile -File ScheduledImport.ps1 -CsvPath D:\imports\customers.csv
    Journal D:\imports\customers.journal.jsonl, log D:\imports\customers.log, failed rows D:\imports\customers.failed.csv.
.EXAMPLE
    pwsh -NoProfile -File ScheduledImport.ps1 -CsvPath D:\imports\customers.failed.csv -JournalPath D:\imports\customers.journal.jsonl
    Feeds the corrected failed rows back, against the same journal.

.NOTES
    A file of hundreds of thousands of rows, in PowerShell 7: consider starting the job's pwsh with the .NET setting
    DOTNET_TieredPGO=0 (Linux: env DOTNET_TieredPGO=0 pwsh -NoProfile -File ScheduledImport.ps1 ...; Windows: set the
    variable for the job's account, or start cmd /c "set DOTNET_TieredPGO=0&& pwsh -NoProfile -File ..."). A new
    process otherwise compiles its hot code twice; the benchmark measured the fresh run about a fifth faster without
    that (README, Performance). It changes nothing else, and nothing in Windows PowerShell 5.1.
#>
[CmdletBinding()]
param(
    # The CSV to import (columns as New-ThuliumCustomer reads them: surname, name, phone_number ...).
    [Parameter(Mandatory)]
    [string] $CsvPath,

    # The journal. Default: <csv name>.journal.jsonl next to the CSV. Keep it for as long as the CSV may be run again.
    [string] $JournalPath,

    # Where failed rows go (rewritten each run; removed when none failed). Default: <csv name>.failed.csv.
    [string] $FailedPath,

    # Where rows with an unknown outcome go. Default: <csv name>.unknown.csv.
    [string] $UnknownPath,

    # The log the run's counts are appended to. Default: <csv name>.log.
    [string] $LogPath,

    # A column that identifies a row for the journal (e.g. identifier); default: a hash of what each row sends.
    [string] $KeyProperty,

    # The module to import: its name when installed, or the path of its manifest.
    [string] $Module = 'ThuliumPS'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

# Every default is the CSV's own path with another ending, so a job's files stay together.
$csvFull = [System.IO.Path]::GetFullPath($CsvPath)
$base = Join-Path ([System.IO.Path]::GetDirectoryName($csvFull)) ([System.IO.Path]::GetFileNameWithoutExtension($csvFull))
if (-not $JournalPath) { $JournalPath = "$base.journal.jsonl" }
if (-not $FailedPath) { $FailedPath = "$base.failed.csv" }
if (-not $UnknownPath) { $UnknownPath = "$base.unknown.csv" }
if (-not $LogPath) { $LogPath = "$base.log" }

function Write-JobLog {
    param([string] $Message)
    $line = '{0} {1}' -f [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm:ss\Z', [Globalization.CultureInfo]::InvariantCulture), $Message
    Add-Content -LiteralPath $LogPath -Value $line -Encoding UTF8
    # Also to the Information stream, which a scheduler's transcript or a caller's 6> captures.
    Write-Information -MessageData $line -InformationAction Continue
}

# Writes the rows' original input (as read from the CSV) to a CSV that can be fed back as it is; removes an old
# file when there is nothing to write, so a stale list is never mistaken for this run's.
function Export-Row {
    param([object[]] $Result, [string] $Path)
    $rows = @($Result | ForEach-Object { $_.InputObject })
    if ($rows.Count -gt 0) {
        $rows | Export-Csv -LiteralPath $Path -NoTypeInformation -Encoding utf8
    }
    elseif (Test-Path -LiteralPath $Path) {
        Remove-Item -LiteralPath $Path
    }
}

try {
    Import-Module $Module
    $null = Connect-Thulium
}
catch {
    Write-JobLog "STOPPED before import: $($_.Exception.Message)"
    exit 2
}

$importArgs = @{
    JournalPath         = $JournalPath
    # Row failures are collected, counted and exported; they must not stop the job.
    ErrorAction         = 'SilentlyContinue'
    InformationVariable = 'runInformation'
}
if ($KeyProperty) { $importArgs.KeyProperty = $KeyProperty }

Write-JobLog "Import of '$csvFull' (journal '$JournalPath')"
try {
    $results = @(Import-Csv -LiteralPath $csvFull -Encoding UTF8 | New-ThuliumCustomer @importArgs)
}
catch {
    # A terminating error: wrong credentials, the journal in use by another run, the journal unwritable. Rows
    # already sent are in the journal; the next run carries on from there.
    Write-JobLog "STOPPED: $($_.Exception.Message)"
    exit 2
}
finally {
    Disconnect-Thulium
}

# The run's counts: the run summary New-ThuliumCustomer writes to the Information stream (tag 'ThuliumPS.RunSummary').
$summary = @($runInformation | Where-Object { $_.Tags -contains 'ThuliumPS.RunSummary' })[0].MessageData
$alreadyDone = 0
if ($summary.ByStatus.ContainsKey('AlreadyDone')) { $alreadyDone = $summary.ByStatus['AlreadyDone'] }
Write-JobLog ('Rows {0}: created {1}, already done {2}, failed {3}, unknown {4}; {5} request(s), {6} retr(ies), {7:N1} s' -f
    $summary.Total, ($summary.Succeeded - $alreadyDone), $alreadyDone, $summary.Failed, $summary.Unknown,
    $summary.RequestsSent, $summary.Retries, $summary.Elapsed.TotalSeconds)

$failed = @($results | Where-Object { $_.Outcome -eq 'Failed' })
$unknown = @($results | Where-Object { $_.Outcome -eq 'Unknown' })
Export-Row -Result $failed -Path $FailedPath
Export-Row -Result $unknown -Path $UnknownPath
foreach ($row in $failed) { Write-JobLog ('Failed row {0}: {1} {2}' -f ($row.InputIndex + 1), $row.Status, $row.Message) }
foreach ($row in $unknown) { Write-JobLog ('Unknown row {0}: {1}' -f ($row.InputIndex + 1), $row.Message) }
if ($failed.Count -gt 0) { Write-JobLog "Failed rows written to '$FailedPath': correct them and run again with -CsvPath '$FailedPath' -JournalPath '$JournalPath'." }
if ($unknown.Count -gt 0) { Write-JobLog "Rows with an unknown outcome written to '$UnknownPath': check in Thulium whether they exist; send the missing ones with New-ThuliumCustomer -RetryUnknown and the same journal." }

if ($failed.Count + $unknown.Count -gt 0) { exit 1 }
exit 0
