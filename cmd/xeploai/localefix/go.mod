module _xeploai/localefix

go 1.26
