# generated from ui/member_dialog.ui; do not edit (python packaging/compile_forms.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'member_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QFrame, QLabel,
    QLineEdit, QPlainTextEdit, QScrollArea, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_MemberDialog(object):
    def setupUi(self, MemberDialog):
        if not MemberDialog.objectName():
            MemberDialog.setObjectName(u"MemberDialog")
        MemberDialog.resize(520, 640)
        self.verticalLayout = QVBoxLayout(MemberDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.replacesLabel = QLabel(MemberDialog)
        self.replacesLabel.setObjectName(u"replacesLabel")
        self.replacesLabel.setVisible(False)
        self.replacesLabel.setText(u"")

        self.verticalLayout.addWidget(self.replacesLabel)

        self.formScroll = QScrollArea(MemberDialog)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setFrameShape(QFrame.NoFrame)
        self.formScroll.setWidgetResizable(True)
        self.formWidget = QWidget()
        self.formWidget.setObjectName(u"formWidget")
        self.formLayout = QFormLayout(self.formWidget)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setContentsMargins(0, 0, 0, 0)
        self.nameEditLabel = QLabel(self.formWidget)
        self.nameEditLabel.setObjectName(u"nameEditLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameEditLabel)

        self.nameEdit = QLineEdit(self.formWidget)
        self.nameEdit.setObjectName(u"nameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.roleComboLabel = QLabel(self.formWidget)
        self.roleComboLabel.setObjectName(u"roleComboLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleComboLabel)

        self.roleCombo = QComboBox(self.formWidget)
        self.roleCombo.setObjectName(u"roleCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.stageComboLabel = QLabel(self.formWidget)
        self.stageComboLabel.setObjectName(u"stageComboLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.stageComboLabel)

        self.stageCombo = QComboBox(self.formWidget)
        self.stageCombo.setObjectName(u"stageCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.stageCombo)

        self.genderComboLabel = QLabel(self.formWidget)
        self.genderComboLabel.setObjectName(u"genderComboLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.genderComboLabel)

        self.genderCombo = QComboBox(self.formWidget)
        self.genderCombo.setObjectName(u"genderCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.genderCombo)

        self.birthEditLabel = QLabel(self.formWidget)
        self.birthEditLabel.setObjectName(u"birthEditLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birthEditLabel)

        self.birthEdit = QLineEdit(self.formWidget)
        self.birthEdit.setObjectName(u"birthEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birthEdit)

        self.schoolEditLabel = QLabel(self.formWidget)
        self.schoolEditLabel.setObjectName(u"schoolEditLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.schoolEditLabel)

        self.schoolEdit = QLineEdit(self.formWidget)
        self.schoolEdit.setObjectName(u"schoolEdit")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.schoolEdit)

        self.ruralComboLabel = QLabel(self.formWidget)
        self.ruralComboLabel.setObjectName(u"ruralComboLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.ruralComboLabel)

        self.ruralCombo = QComboBox(self.formWidget)
        self.ruralCombo.setObjectName(u"ruralCombo")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.ruralCombo)

        self.titleComboLabel = QLabel(self.formWidget)
        self.titleComboLabel.setObjectName(u"titleComboLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.titleComboLabel)

        self.titleCombo = QComboBox(self.formWidget)
        self.titleCombo.setObjectName(u"titleCombo")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.titleCombo)

        self.honoursEditLabel = QLabel(self.formWidget)
        self.honoursEditLabel.setObjectName(u"honoursEditLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.honoursEditLabel)

        self.honoursEdit = QLineEdit(self.formWidget)
        self.honoursEdit.setObjectName(u"honoursEdit")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.honoursEdit)

        self.sinceEditLabel = QLabel(self.formWidget)
        self.sinceEditLabel.setObjectName(u"sinceEditLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.sinceEditLabel)

        self.sinceEdit = QLineEdit(self.formWidget)
        self.sinceEdit.setObjectName(u"sinceEdit")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.sinceEdit)

        self.teachingEditLabel = QLabel(self.formWidget)
        self.teachingEditLabel.setObjectName(u"teachingEditLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.teachingEditLabel)

        self.teachingEdit = QLineEdit(self.formWidget)
        self.teachingEdit.setObjectName(u"teachingEdit")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.teachingEdit)

        self.inPostComboLabel = QLabel(self.formWidget)
        self.inPostComboLabel.setObjectName(u"inPostComboLabel")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.inPostComboLabel)

        self.inPostCombo = QComboBox(self.formWidget)
        self.inPostCombo.setObjectName(u"inPostCombo")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.inPostCombo)

        self.tierComboLabel = QLabel(self.formWidget)
        self.tierComboLabel.setObjectName(u"tierComboLabel")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.tierComboLabel)

        self.tierCombo = QComboBox(self.formWidget)
        self.tierCombo.setObjectName(u"tierCombo")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.tierCombo)

        self.agreementEditLabel = QLabel(self.formWidget)
        self.agreementEditLabel.setObjectName(u"agreementEditLabel")

        self.formLayout.setWidget(13, QFormLayout.ItemRole.LabelRole, self.agreementEditLabel)

        self.agreementEdit = QLineEdit(self.formWidget)
        self.agreementEdit.setObjectName(u"agreementEdit")

        self.formLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.agreementEdit)

        self.joinedEditLabel = QLabel(self.formWidget)
        self.joinedEditLabel.setObjectName(u"joinedEditLabel")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.joinedEditLabel)

        self.joinedEdit = QLineEdit(self.formWidget)
        self.joinedEdit.setObjectName(u"joinedEdit")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.joinedEdit)

        self.phoneEditLabel = QLabel(self.formWidget)
        self.phoneEditLabel.setObjectName(u"phoneEditLabel")

        self.formLayout.setWidget(15, QFormLayout.ItemRole.LabelRole, self.phoneEditLabel)

        self.phoneEdit = QLineEdit(self.formWidget)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.formLayout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.idEditLabel = QLabel(self.formWidget)
        self.idEditLabel.setObjectName(u"idEditLabel")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.LabelRole, self.idEditLabel)

        self.idEdit = QLineEdit(self.formWidget)
        self.idEdit.setObjectName(u"idEdit")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.idEdit)

        self.noteEditLabel = QLabel(self.formWidget)
        self.noteEditLabel.setObjectName(u"noteEditLabel")

        self.formLayout.setWidget(17, QFormLayout.ItemRole.LabelRole, self.noteEditLabel)

        self.noteEdit = QPlainTextEdit(self.formWidget)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 80))

        self.formLayout.setWidget(17, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.formScroll.setWidget(self.formWidget)

        self.verticalLayout.addWidget(self.formScroll)

        self.problemsLabel = QLabel(MemberDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setStyleSheet(u"color: #b00020;")
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setText(u"")

        self.verticalLayout.addWidget(self.problemsLabel)

        self.buttonBox = QDialogButtonBox(MemberDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameEditLabel.setBuddy(self.nameEdit)
        self.roleComboLabel.setBuddy(self.roleCombo)
        self.stageComboLabel.setBuddy(self.stageCombo)
        self.genderComboLabel.setBuddy(self.genderCombo)
        self.birthEditLabel.setBuddy(self.birthEdit)
        self.schoolEditLabel.setBuddy(self.schoolEdit)
        self.ruralComboLabel.setBuddy(self.ruralCombo)
        self.titleComboLabel.setBuddy(self.titleCombo)
        self.honoursEditLabel.setBuddy(self.honoursEdit)
        self.sinceEditLabel.setBuddy(self.sinceEdit)
        self.teachingEditLabel.setBuddy(self.teachingEdit)
        self.inPostComboLabel.setBuddy(self.inPostCombo)
        self.tierComboLabel.setBuddy(self.tierCombo)
        self.agreementEditLabel.setBuddy(self.agreementEdit)
        self.joinedEditLabel.setBuddy(self.joinedEdit)
        self.phoneEditLabel.setBuddy(self.phoneEdit)
        self.idEditLabel.setBuddy(self.idEdit)
        self.noteEditLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MemberDialog)

        QMetaObject.connectSlotsByName(MemberDialog)
    # setupUi

    def retranslateUi(self, MemberDialog):
        MemberDialog.setWindowTitle(QCoreApplication.translate("MemberDialog", u"Member", None))
        self.nameEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Name", None))
        self.roleComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Role", None))
        self.stageComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Stage", None))
        self.genderComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Gender", None))
        self.birthEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Birth date", None))
        self.schoolEditLabel.setText(QCoreApplication.translate("MemberDialog", u"School", None))
        self.ruralComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Rural school", None))
        self.titleComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Teaching title", None))
        self.honoursEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Honours", None))
        self.sinceEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Head teacher since (year)", None))
        self.teachingEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Teaching since (year)", None))
        self.inPostComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Still a head teacher", None))
        self.tierComboLabel.setText(QCoreApplication.translate("MemberDialog", u"Training tier", None))
        self.agreementEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Agreement signed on", None))
        self.joinedEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Joined on", None))
        self.phoneEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Phone (optional)", None))
        self.idEditLabel.setText(QCoreApplication.translate("MemberDialog", u"ID number (optional)", None))
        self.noteEditLabel.setText(QCoreApplication.translate("MemberDialog", u"Note", None))
    # retranslateUi

