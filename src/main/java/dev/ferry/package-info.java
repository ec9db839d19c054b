/** Ferry, a reactive download-job service; each sub-package is one feature (see ARCHITECTURE.md). */
package dev.ferry;
