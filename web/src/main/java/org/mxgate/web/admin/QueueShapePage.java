package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueShape;

/** The queue's shape ({@code /admin/qshape.xhtml}): waiting mail by next hop and age, as Postfix's qshape shows it. */
@Named
@RequestScoped
public class QueueShapePage {

    @EJB
    QueueAdmin queueAdmin;

    private QueueShape shape;

    public QueueShape getShape() {
        if (shape == null) {
            shape = queueAdmin.shape();
        }
        return shape;
    }
}
