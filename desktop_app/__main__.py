import sys

from desktop_app.launch import main

sys.exit(main())
