// The cmdlet assembly. Cmdlets live in Commands/, public result types in Results/.
[assembly: System.CLSCompliant(false)]
