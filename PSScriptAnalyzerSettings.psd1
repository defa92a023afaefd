# PSScriptAnalyzer settings for ThuliumPS: `pwsh ./build.ps1 -Task Analyze` (run by .ci/run after the tests) lints the
# staged module (out/ThuliumPS), examples/ and build.ps1 with these settings; any Error or Warning fails CI.
#
# Every default rule is on, and no rule is excluded for the whole repository. Where a script does something a rule
# warns about on purpose, that script says so itself, next to the code, with a SuppressMessageAttribute and a
# Justification, so the exception covers that one script and the reason is read where the code is:
#   examples/Demo.ps1  PSAvoidUsingWriteHost (a console demo writes its titles to the host on purpose),
#                      PSAvoidUsingConvertToSecureStringWithPlainText (the sandbox's published demo account),
#                      PSAvoidUsingAllowUnencryptedAuthentication (the sandbox is plain http on loopback),
#                      PSUseShouldProcessForStateChangingFunctions (private Start-/Stop-DemoSandbox helpers)
#   build.ps1          PSReviewUnusedParameter on -Configuration (used by the task functions; the rule does not
#                      look into them)
@{
    # Information-level findings (positional parameters and the like) are shown but do not fail the run.
    Severity     = @('Error', 'Warning')

    ExcludeRules = @(
        # PSUseCompatibleCommands and PSUseCompatibleTypes are not excluded either, but they stay off (their
        # default): the PSScriptAnalyzer in ../shared/tools/pwsh ships without the compatibility profiles they
        # check against. PSUseCompatibleSyntax below needs no profile.
    )

    Rules        = @{
        # The module and its scripts target Windows PowerShell 5.1 and PowerShell 7.4+: syntax either cannot parse
        # (?., ??, ternaries, ...) is a finding.
        PSUseCompatibleSyntax = @{
            Enable         = $true
            TargetVersions = @('5.1', '7.4')
        }
    }
}
