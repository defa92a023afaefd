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

    Relative paths (every path parameter) are taken from PowerShell's current location, as Set-Location left it.

    Exit code: 0 when every row was created or was already done; 1 when some rows failed or are unknown; 2 when the
    run could not start or was stopped (no -CsvPath, a CSV that does not exist, a log or failed-rows file that
    cannot be written, no connection, the journal in use by another run, wrong credentials). The log and the
    failed-rows and unknown-rows files are checked before anything is sent. Exit 2 always writes the reason to
    stderr, and to the log when the log can be written. A parameter name PowerShell does not know (a misspelt
    -CsvPth) fails before the script runs, with PowerShell's own exit code 1.

.EXAMPLE
    pwsh -NoProfile -File ScheduledImport.ps1 -CsvPath D:\imports\customers.csv
    Journal D:\imports\customers.journal.jsonl, log D:\imports\customers.log, failed rows D:\imports\customers.failed.csv.
.EXAMPLE
    pwsh -NoProfile -File ScheduledImport.ps1 -CsvPath D:\imports\customers.failed.csv -JournalPath D:\imports\customers.journal.jsonl
    Feeds the corrected failed rows back, against the same journal.
.EXAMPLE
    pwsh -NoProfile -File ScheduledImport.ps1 -CsvPath D:\imports\customers.csv -KeyProperty identifier -ResolveUnknown
    Runs again after rows ended Unknown: each is looked up in Thulium by its identifier and only those not found are
    sent (the earlier runs must have used the same -KeyProperty).
.EXAMPLE
    pwsh -NoProfile -File ScheduledImport.ps1 -CsvPath D:\imports\customers.unknown.csv -JournalPath D:\imports\customers.journal.jsonl -RetryUnknown
    Sends again the unknown rows you checked do not exist in Thulium (the unknown-rows file, with the rows that do
    exist removed), against the same journal.

.NOTES
    A file of hundreds of thousands of rows, in PowerShell 7: consider starting the job's pwsh with the .NET setting
    DOTNET_TieredPGO=0 (Linux: env DOTNET_TieredPGO=0 pwsh -NoProfile -File ScheduledImport.ps1 ...; Windows: set the
    variable for the job's account, or start cmd /c "set DOTNET_TieredPGO=0&& pwsh -NoProfile -File ..."). A new
    process otherwise compiles its hot code twice; the benchmark measured the fresh run about a fifth faster without
    that (README, Performance). It changes nothing else, and nothing in Windows PowerShell 5.1.
#>
[CmdletBinding()]
param(
    # The CSV to import (columns as New-ThuliumCustomer reads them: surname, name, phone_number ...). Required.
    # (Not declared Mandatory: PowerShell's own refusal of a missing mandatory parameter exits 1, before the script
    # can say "could not run" with exit 2.)
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

    # Sends again the rows the journal marks as possibly done (Outcome Unknown): New-ThuliumCustomer -RetryUnknown.
    # Check in Thulium first: a row that does exist is created twice.
    [switch] $RetryUnknown,

    # Looks up in Thulium, by -KeyProperty (identifier, email, phone_number or nip), the rows the journal marks as
    # Unknown, and sends only those not found: New-ThuliumCustomer -ResolveUnknown. Wins over -RetryUnknown.
    [switch] $ResolveUnknown,

    # The module to import: its name when installed, or the path of its manifest.
    [string] $Module = 'ThuliumPS'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

# True once the log has taken a line: from then on, why a run stopped goes to the log as well as to stderr.
$logReady = $false

function Write-JobLog {
    param([string] $Message)
    $line = '{0} {1}' -f [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm:ss\Z', [Globalization.CultureInfo]::InvariantCulture), $Message
    Add-Content -LiteralPath $LogPath -Value $line -Encoding UTF8
    # Also to the Information stream, which a scheduler's transcript or a caller's 6> captures.
    Write-Information -MessageData $line -InformationAction Continue
}

# The job could not run (or was stopped): exit 2, never 1, which would tell the scheduler there are rows to correct.
# The reason goes to stderr, which a scheduler keeps even when the log is what could not be written.
function Exit-CouldNotRun {
    param([string] $Message, [string] $Stage)
    $line = if ($Stage) { "STOPPED ${Stage}: $Message" } else { "STOPPED: $Message" }
    if ($script:logReady) {
        try { Write-JobLog $line } catch { $line += " (The log could not take this line: $($_.Exception.Message))" }
    }
    $Host.UI.WriteErrorLine("ScheduledImport.ps1 $line")
    exit 2
}

# A path from PowerShell's current location: [IO.Path]::GetFullPath would use the process's directory, which
# Set-Location does not change. Empty: the default, the CSV's own path with another ending.
function Resolve-JobPath {
    param([string] $Path, [string] $Default)
    if (-not $Path) { $Path = $Default }
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

# Fails now, before anything is sent, when a file the run writes at its end cannot be written (no such folder, no
# permission, a folder of that name): found after the import, it would lose the list of failed rows. Leaves no
# file behind that was not there.
function Assert-Writable {
    param([string] $Path)
    $existed = Test-Path -LiteralPath $Path
    [System.IO.File]::Open($Path, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::Write).Dispose()
    if (-not $existed) { Remove-Item -LiteralPath $Path }
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

if (-not $CsvPath) { Exit-CouldNotRun '-CsvPath is required: the CSV of customers to import.' -Stage 'before import' }
try {
    $csvFull = Resolve-JobPath $CsvPath
    # Every default is the CSV's own path with another ending, so a job's files stay together.
    $base = Join-Path ([System.IO.Path]::GetDirectoryName($csvFull)) ([System.IO.Path]::GetFileNameWithoutExtension($csvFull))
    $JournalPath = Resolve-JobPath $JournalPath "$base.journal.jsonl"
    $FailedPath = Resolve-JobPath $FailedPath "$base.failed.csv"
    $UnknownPath = Resolve-JobPath $UnknownPath "$base.unknown.csv"
    $LogPath = Resolve-JobPath $LogPath "$base.log"
}
catch {
    Exit-CouldNotRun "A path cannot be used: $($_.Exception.Message)" -Stage 'before import'
}

try {
    Write-JobLog "Import of '$csvFull' (journal '$JournalPath')"
    $logReady = $true
}
catch {
    Exit-CouldNotRun "The log '$LogPath' cannot be written: $($_.Exception.Message)" -Stage 'before import'
}

if (-not (Test-Path -LiteralPath $csvFull -PathType Leaf)) { Exit-CouldNotRun "The CSV '$csvFull' does not exist." -Stage 'before import' }
foreach ($path in $FailedPath, $UnknownPath) {
    try { Assert-Writable $path } catch { Exit-CouldNotRun "'$path' cannot be written: $($_.Exception.GetBaseException().Message)" -Stage 'before import' }
}

try {
    Import-Module $Module
    $null = Connect-Thulium
}
catch {
    Exit-CouldNotRun $_.Exception.Message -Stage 'before import'
}

$importArgs = @{
    JournalPath         = $JournalPath
    # Row failures are collected, counted and exported; they must not stop the job.
    ErrorAction         = 'SilentlyContinue'
    InformationVariable = 'runInformation'
}
if ($KeyProperty) { $importArgs.KeyProperty = $KeyProperty }
if ($RetryUnknown) { $importArgs.RetryUnknown = $true }
if ($ResolveUnknown) { $importArgs.ResolveUnknown = $true }

try {
    $results = @(Import-Csv -LiteralPath $csvFull -Encoding UTF8 | New-ThuliumCustomer @importArgs)
}
catch {
    # A terminating error: wrong credentials, the journal in use by another run, the journal unwritable,
    # -ResolveUnknown without a -KeyProperty to look up by. Rows already sent are in the journal; the next run
    # carries on from there.
    Exit-CouldNotRun $_.Exception.Message
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
try {
    Export-Row -Result $failed -Path $FailedPath
    Export-Row -Result $unknown -Path $UnknownPath
}
catch {
    # Checked before the import, so something changed since: the counts above stand, the rows' list is lost.
    Exit-CouldNotRun "The rows were sent (counts above), but their list could not be written: $($_.Exception.Message)" -Stage 'after import'
}
foreach ($row in $failed) { Write-JobLog ('Failed row {0}: {1} {2}' -f ($row.InputIndex + 1), $row.Status, $row.Message) }
foreach ($row in $unknown) { Write-JobLog ('Unknown row {0}: {1}' -f ($row.InputIndex + 1), $row.Message) }
if ($failed.Count -gt 0) { Write-JobLog "Failed rows written to '$FailedPath': correct them and run again with -CsvPath '$FailedPath' -JournalPath '$JournalPath'." }
if ($unknown.Count -gt 0) {
    # Unknown: the answer was lost, so a row may exist. -RetryUnknown alone would create the ones that do twice.
    $advice = "check them in Thulium, remove those that exist from that file, and send the rest with -CsvPath '$UnknownPath' -JournalPath '$JournalPath' -RetryUnknown"
    if ($KeyProperty) { $advice = "run again with -ResolveUnknown and the same -KeyProperty and journal (it looks each one up by $KeyProperty when that is identifier, email, phone_number or nip, and sends only those not found), or $advice" }
    Write-JobLog "Rows with an unknown outcome written to '$UnknownPath': $advice."
}

if ($failed.Count + $unknown.Count -gt 0) { exit 1 }
exit 0
