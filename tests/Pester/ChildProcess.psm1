#Requires -Version 5.1
# Runs a script in a child PowerShell (the same executable as the one running the tests), as a user would from a
# shell: -NoProfile -NonInteractive -File. The demo and the README samples are tested this way, not dot-sourced,
# so that their exit code, their output and their own module import are what a user gets.
Set-StrictMode -Version 2.0

function Invoke-ChildPowerShell {
    <#
    .SYNOPSIS
    Runs `<this PowerShell> -NoProfile -NonInteractive -File <File> <Argument...>`; returns ExitCode, StdOut, StdErr
    and Output (both, as plain text without ANSI escapes).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $File,
        [string[]] $Argument = @(),
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        # Environment variables for the child only (restored here afterwards).
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 180
    )

    $exe = (Get-Process -Id $PID).Path
    $log = Join-Path ([System.IO.Path]::GetTempPath()) ('thuliumps-child-' + [guid]::NewGuid().ToString('N'))
    # Start-Process joins ArgumentList with spaces: quote each argument so paths with spaces survive.
    $arguments = @('-NoProfile', '-NonInteractive', '-File', "`"$File`"") + @($Argument | ForEach-Object { "`"$_`"" })
    $startArgs = @{
        FilePath               = $exe
        ArgumentList           = $arguments
        WorkingDirectory       = $WorkingDirectory
        RedirectStandardOutput = "$log.out.txt"
        RedirectStandardError  = "$log.err.txt"
        PassThru               = $true
    }
    if ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) { $startArgs.NoNewWindow = $true }

    # NO_COLOR makes PowerShell 7 write plain text, so the tests match words, not escape sequences.
    $childEnvironment = @{ NO_COLOR = '1' } + $Environment
    $saved = @{}
    foreach ($name in $childEnvironment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $childEnvironment[$name])
    }
    try {
        $process = Start-Process @startArgs
        # Windows PowerShell 5.1 only fills ExitCode when the handle was opened while the process ran.
        $null = $process.Handle
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill()
            throw "'$File' did not finish within $TimeoutSec s."
        }
        $process.WaitForExit()
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }

    $read = {
        param($Path)
        if (Test-Path -LiteralPath $Path) {
            $text = [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
            Remove-Item -LiteralPath $Path -ErrorAction SilentlyContinue
            # Belt and braces for hosts that ignore NO_COLOR.
            $text -replace "$([char]27)\[[0-9;]*[A-Za-z]", ''
        }
        else { '' }
    }
    $stdout = & $read "$log.out.txt"
    $stderr = & $read "$log.err.txt"
    [pscustomobject]@{
        ExitCode = $process.ExitCode
        StdOut   = $stdout
        StdErr   = $stderr
        Output   = $stdout + "`n" + $stderr
    }
}

Export-ModuleMember -Function Invoke-ChildPowerShell
