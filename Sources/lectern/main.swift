import LecternCLI
Lectern.main()
