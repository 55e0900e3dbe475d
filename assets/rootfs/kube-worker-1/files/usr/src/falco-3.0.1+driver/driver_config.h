/*

Copyright (C) 2022 The Falco Authors.

This file is dual licensed under either the MIT or GPL 2. See MIT.txt
or GPL.txt for full copies of the license.

*/
#pragma once

#define DRIVER_VERSION "3.0.1+driver"

#define DRIVER_NAME "falco"

#define DRIVER_DEVICE_NAME "falco"

#define DRIVER_COMMIT "3a3a1d5b0a1e7d5f4c3b2a19f8e7d6c5b4a39281"

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME DRIVER_NAME
#endif

#define PROBE_NAME "falco"

#define PROBE_DEVICE_NAME "falco"
