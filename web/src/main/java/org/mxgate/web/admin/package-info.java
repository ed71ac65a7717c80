/** The admin pages under /admin (Jakarta Faces): one backing bean per page. */
package org.mxgate.web.admin;
