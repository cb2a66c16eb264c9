// The plugin ABI is header-only: see include/wasmplug_plugin.h.
