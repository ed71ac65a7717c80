package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.mxgate.admin.OperatorAccount;
import org.mxgate.admin.Operators;
import org.mxgate.admin.ServiceException;

/** The named operators ({@code /admin/operators.xhtml}): an admin creates one, sets its role or password, removes it. */
@Named
@ViewScoped
public class OperatorsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Operators operators;

    private List<OperatorAccount> list;
    private String name;
    private String role = "viewer";
    private String password;

    public void load() {
        list = operators.list();
    }

    public String set() {
        try {
            boolean created = operators.set(name, role, password);
            message(null, "Operator " + name.strip().toLowerCase(java.util.Locale.ROOT) + (created ? " created." : " changed."));
            name = null;
            load();
        } catch (ServiceException e) {
            message(e.field() == null ? null : "operator:" + e.field(), e.getMessage());
        }
        return null;
    }

    public String remove(String who) {
        try {
            operators.remove(who);
            message(null, "Operator " + who + " removed.");
            load();
        } catch (ServiceException e) {
            message(null, e.getMessage());
        }
        return null;
    }

    private static void message(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(text));
    }

    public List<OperatorAccount> getList() {
        return list;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
