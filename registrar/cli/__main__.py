from registrar.cli import main

raise SystemExit(main())
