// The module's loader (a nested module of ThuliumPS.psd1): see ModuleInitializer.
[assembly: System.CLSCompliant(false)]
