#Requires -Version 5.1
<#
.SYNOPSIS
    ThuliumPS's main job, end to end, against the local Thulium sandbox.

.DESCRIPTION
    Rehearses a customer import with -WhatIf, imports examples/customers.csv for real (bad rows fail with an error
    each; the good ones are created), adds custom-field group items, removes CRM campaign records, and finally
    removes the customers it created. Starts the sandbox (with --demo data) if nothing answers at -BaseUri, and
    stops it again at the end. Build first: dotnet build ThuliumPS.sln -c Release
#>
[CmdletBinding()]
param(
    [uri] $BaseUri = 'http://127.0.0.1:5151/api/',
    [pscredential] $Credential = [pscredential]::new('api_user', (ConvertTo-SecureString 'api_pass' -AsPlainText -Force))
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'out/ThuliumPS/ThuliumPS.psd1') -Force

# Start the sandbox when none is listening (the demo's only prerequisite is a build).
$sandbox = $null
try { Invoke-RestMethod ([uri]::new($BaseUri, '/_sandbox/state')) | Out-Null }
catch {
    $dll = Join-Path $root 'tests/ThuliumPS.Sandbox/bin/Release/net10.0/ThuliumPS.Sandbox.dll'
    $url = $BaseUri.GetLeftPart([UriPartial]::Authority)
    $sandbox = Start-Process dotnet -ArgumentList $dll, '--urls', $url, '--demo' -PassThru -WindowStyle Hidden -ErrorAction Stop
    foreach ($i in 1..50) {
        Start-Sleep -Milliseconds 200
        try { Invoke-RestMethod ([uri]::new($BaseUri, '/_sandbox/state')) | Out-Null; break } catch { }
    }
}

try {
    Connect-Thulium -BaseUri $BaseUri -Credential $Credential -AllowUnencryptedAuthentication

    Write-Host "`n== Rehearsal: nothing is sent; the bad rows are reported already" -ForegroundColor Cyan
    Import-Csv (Join-Path $PSScriptRoot 'customers.csv') | New-ThuliumCustomer -WhatIf -ErrorAction SilentlyContinue -ErrorVariable rehearsalErrors
    Write-Host "$($rehearsalErrors.Count) row(s) would fail."

    Write-Host "`n== Import: one typed result per row, in input order" -ForegroundColor Cyan
    $created = Import-Csv (Join-Path $PSScriptRoot 'customers.csv') | New-ThuliumCustomer -ErrorAction SilentlyContinue -ErrorVariable importErrors
    $created | Format-Table
    $importErrors | ForEach-Object { Write-Host "row $($_.TargetObject.surname): $($_.FullyQualifiedErrorId) - $($_.ErrorDetails.Message)" }

    Write-Host "`n== Custom-field group items (one request per item, several in flight)" -ForegroundColor Cyan
    Import-Csv (Join-Path $PSScriptRoot 'field-group-items.csv') | Add-ThuliumFieldGroupItem -ErrorAction SilentlyContinue | Format-Table

    Write-Host "`n== CRM campaign records (grouped per campaign, ids zero-padded)" -ForegroundColor Cyan
    Import-Csv (Join-Path $PSScriptRoot 'crm-records.csv') | Remove-ThuliumCrmRecord -Force -ErrorAction SilentlyContinue | Format-Table

    Write-Host "`n== Clean-up: remove what the import created" -ForegroundColor Cyan
    $created | Where-Object Succeeded | Remove-ThuliumCustomer -Force | Format-Table

    $ok = @($created | Where-Object Succeeded).Count
    Write-Host ("`nCreated {0} of {1} customers; {2} row(s) failed and kept their original input for a re-run." -f $ok, @($created).Count, @($importErrors).Count)
}
finally {
    Disconnect-Thulium
    if ($sandbox) { Stop-Process -Id $sandbox.Id -ErrorAction SilentlyContinue }
}
