package org.mxsuite.panel.web;

import spark.Service;

/** A group of the panel's pages: each defines its own routes, authorises every request itself. */
interface PanelRoutes {
    void define(Service service);
}
