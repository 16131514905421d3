<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>The database cannot be used:
%1

%2</source>
        <translation>无法使用该数据库：
%1

%2</translation>
    </message>
    <message>
        <source>The latest good backup was made on %1. Restoring it keeps the damaged file as a backup too.</source>
        <translation>最近一次完好的备份制作于 %1。恢复后，损坏的文件也会作为备份保留。</translation>
    </message>
    <message>
        <source>Restore the latest backup</source>
        <translation>恢复最近的备份</translation>
    </message>
    <message>
        <source>There is no backup beside the database. Choose a backup file.</source>
        <translation>数据库旁边没有备份。请选择一个备份文件。</translation>
    </message>
    <message>
        <source>Choose a backup file…</source>
        <translation>选择备份文件…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>StudioDesk backups (*.zip)</source>
        <translation>StudioDesk 备份 (*.zip)</translation>
    </message>
    <message>
        <source>Restored the backup made on %1.</source>
        <translation>已恢复制作于 %1 的备份。</translation>
    </message>
    <message>
        <source>The database it replaced is kept as %1.</source>
        <translation>被替换的数据库已保留为：%1</translation>
    </message>
    <message>
        <source>The backup was not restored: %1</source>
        <translation>未恢复该备份：%1</translation>
    </message>
    <message>
        <source>Opened read-only (%1). You can look, print and export, but nothing can be saved and no backup is made. To work on it, copy the database with its files folder to a folder you can write to.</source>
        <translation>已以只读方式打开（%1）。可以查看、打印和导出，但不能保存任何修改，也不会自动备份。如需编辑，请把数据库连同其文件夹复制到可写的文件夹。</translation>
    </message>
    <message>
        <source>The database is on a network share (%1). SQLite cannot lock files reliably there: records can be lost if two computers open it, or if the network drops during a save. Keep the database on this computer and use the Backups page to copy it elsewhere.</source>
        <translation>数据库位于网络共享文件夹（%1）。网络共享上的数据库文件无法可靠地加锁：两台电脑同时打开，或保存时网络中断，都可能丢失记录。请把数据库放在本机，再用“备份与恢复”页复制到别处。</translation>
    </message>
    <message>
        <source>Your name is not filled in yet: what you record now is signed with this computer&apos;s account name “%1”. %2</source>
        <translation>还没有填写您的姓名：现在登记的记录将署上本机的电脑账户名“%1”。%2</translation>
    </message>
    <message>
        <source>Fill in my name in Settings</source>
        <translation>到“设置”中填写我的姓名</translation>
    </message>
    <message>
        <source>Making the backup before closing. This takes a moment…</source>
        <translation>正在做关闭前的备份，请稍候……</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>e.g. chenjing (letters and digits)</source>
        <translation>用字母和数字，如姓名的拼音</translation>
    </message>
    <message>
        <source>e.g. 陈静</source>
        <translation>例如：陈静</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>AccountsBox</name>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Turn accounts on for this computer…</source>
        <translation>为本机启用账号…</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Accounts are off: whoever uses this computer works on the studio. Turn them on when a host, a secretary and others share it: each signs in, may do what their role allows, and the history records who did what.</source>
        <translation>账号未启用：使用这台电脑的人都可以操作工作室的记录。主持人、秘书等多人共用时请启用账号：每人用自己的账号登录，只能做其角色允许的操作，修改记录中会记下是谁做的。</translation>
    </message>
    <message>
        <source>Each person signs in with their own account. 主持人 (host): everything; 秘书 (secretary): activities, attendance, receipts and expenses, growth records, task evidence; 查看 (viewer): reads and prints reports.</source>
        <translation>每人用自己的账号登录。主持人：全部操作；秘书：活动、考勤、收支登记、成长记录、任务佐证材料；查看：查看记录、打印报表。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Turn accounts on</source>
        <translation>启用账号</translation>
    </message>
    <message>
        <source>First the host&apos;s account (主持人): you, who may then add the others. From now on StudioDesk asks everyone to sign in on this computer.</source>
        <translation>先建立主持人账号（即您本人），之后由您添加其他人的账号。此后在这台电脑上使用 StudioDesk 都需要登录。</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <source>The person signs in with this login and password, and may change the password.</source>
        <translation>此人用这个登录名和密码登录，登录后可以自行修改密码。</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>%1 的角色：</translation>
    </message>
    <message>
        <source>Reset the password of %1</source>
        <translation>重设 %1 的密码</translation>
    </message>
</context>
<context>
    <name>Activities</name>
    <message>
        <source>First term</source>
        <translation>上学期</translation>
    </message>
    <message>
        <source>Second term</source>
        <translation>下学期</translation>
    </message>
</context>
<context>
    <name>ActivitiesModel</name>
    <message>
        <source>No attendance</source>
        <translation>不考勤</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>未考勤</translation>
    </message>
    <message>
        <source>%1/%2 present</source>
        <translation>出勤 %1/%2</translation>
    </message>
    <message>
        <source>This activity does not count towards attendance.</source>
        <translation>本次活动不计入考勤。</translation>
    </message>
    <message>
        <source>Attendance has not been taken for this activity yet.</source>
        <translation>本次活动尚未考勤。</translation>
    </message>
    <message>
        <source>%1 expected: %2 came, %3 on leave, %4 absent</source>
        <translation>应到 %1 人：实到 %2 人，请假 %3 人，缺勤 %4 人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>主讲人</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>Whole year</source>
        <translation>全学年</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Topic, content, place or presenter</source>
        <translation>主题、内容、地点或主讲人</translation>
    </message>
    <message>
        <source>School year:</source>
        <translation>学年：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>New activity…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Take attendance…</source>
        <translation>登记考勤…</translation>
    </message>
    <message>
        <source>Sign-in sheet (PDF)…</source>
        <translation>签到表（PDF）…</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Import attendance…</source>
        <translation>导入考勤…</translation>
    </message>
    <message>
        <source>Export attendance…</source>
        <translation>导出考勤…</translation>
    </message>
    <message>
        <source>Content and summary</source>
        <translation>内容与总结</translation>
    </message>
    <message>
        <source>Double-click to take attendance</source>
        <translation>双击登记考勤</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>照片与附件</translation>
    </message>
    <message>
        <source>Double-click to open; add photos and files with “Attach files…”</source>
        <translation>双击打开；点“添加附件…”添加照片和文件</translation>
    </message>
    <message>
        <source>%1 school year</source>
        <translation>%1 学年</translation>
    </message>
    <message>
        <source>All school years</source>
        <translation>全部学年</translation>
    </message>
    <message>
        <source>%1 activities</source>
        <translation>共 %1 次活动</translation>
    </message>
    <message>
        <source>%1 training hours</source>
        <translation>培训 %1 学时</translation>
    </message>
    <message>
        <source>No activity matches the filter.</source>
        <translation>没有符合筛选条件的活动。</translation>
    </message>
    <message>
        <source>No activities logged for this period yet. Log one with “New activity…”.</source>
        <translation>此期间还没有活动记录。请点击“新建活动…”添加。</translation>
    </message>
    <message>
        <source>Select an activity to see its content, summary and photos.</source>
        <translation>选择一次活动以查看其内容、总结和照片。</translation>
    </message>
    <message>
        <source>presenter: %1</source>
        <translation>主讲：%1</translation>
    </message>
    <message>
        <source>(not written yet)</source>
        <translation>（尚未填写）</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>活动内容</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>活动总结</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>not taken at this activity</source>
        <translation>本次活动不考勤</translation>
    </message>
    <message>
        <source>not taken yet; %1 expected</source>
        <translation>尚未考勤；应到 %1 人</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>This activity does not take attendance; edit it to change that.</source>
        <translation>本次活动不考勤；如需考勤，请编辑活动。</translation>
    </message>
    <message>
        <source>Delete the activity “%1” of %2?</source>
        <translation>删除 %2 的活动“%1”？</translation>
    </message>
    <message>
        <source>Its attendance marks go with it and the absence ratios are recalculated.</source>
        <translation>该活动的考勤记录将一并删除，缺勤比例会重新计算。</translation>
    </message>
    <message>
        <source>Delete activity</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <source>Deleted “%1” of %2.</source>
        <translation>已删除 %2 的活动“%1”。</translation>
    </message>
    <message>
        <source>Attendance saved for “%1”.</source>
        <translation>已保存“%1”的考勤。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>No program on this computer opens %1</source>
        <translation>本机没有可以打开 %1 的程序</translation>
    </message>
    <message>
        <source>Import attendance</source>
        <translation>导入考勤</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Sign-in sheet saved: %1</source>
        <translation>签到表已保存：%1</translation>
    </message>
    <message>
        <source>Export attendance</source>
        <translation>导出考勤</translation>
    </message>
    <message>
        <source>Attendance exported: %1</source>
        <translation>考勤已导出：%1</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>e.g. Designing a class meeting on safety</source>
        <translation>例如：安全主题班会设计</translation>
    </message>
    <message>
        <source>e.g. Room 301, teaching building</source>
        <translation>例如：教学楼 301 室</translation>
    </message>
    <message>
        <source>Who leads or gives the talk</source>
        <translation>主持或主讲的人</translation>
    </message>
    <message>
        <source>Training hours</source>
        <translation>培训学时</translation>
    </message>
    <message>
        <source>What was planned and what was done</source>
        <translation>计划做什么、实际做了什么</translation>
    </message>
    <message>
        <source>Written afterwards: what came of it, what to do next</source>
        <translation>活动后填写：取得了什么成效，下一步怎么做</translation>
    </message>
    <message>
        <source>Attendance is taken at this activity</source>
        <translation>本次活动进行考勤</translation>
    </message>
    <message>
        <source>Only activities that take attendance count towards the absence ratio.</source>
        <translation>只有进行考勤的活动才计入缺勤比例。</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>主讲人</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>活动内容</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>活动总结</translation>
    </message>
    <message>
        <source>Photos and files (copied into the studio&apos;s store)</source>
        <translation>照片与附件（将复制到工作室的资料库）</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Edit activity</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>Could not copy a file: %1</source>
        <translation>无法复制文件：%1</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>StudioDesk cannot mark the database as open (a small lock file) in the folder</source>
        <translation>StudioDesk 无法在以下文件夹中建立“数据库已打开”的标记（一个小的锁文件）</translation>
    </message>
    <message>
        <source>StudioDesk cannot make its data folder</source>
        <translation>StudioDesk 无法建立存放记录的文件夹</translation>
    </message>
    <message>
        <source>This place does not exist (is a USB stick or a network drive missing?).</source>
        <translation>这个位置不存在（U 盘或网络盘是否未连接？）。</translation>
    </message>
    <message>
        <source>Part of this path is a file, not a folder.</source>
        <translation>路径中有一项是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>You are not allowed to write there.</source>
        <translation>没有在这里写入的权限。</translation>
    </message>
    <message>
        <source>The disk is read-only.</source>
        <translation>这个磁盘是只读的。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>The system did not allow it.</source>
        <translation>系统不允许这样做。</translation>
    </message>
    <message>
        <source>(The system says: %1)</source>
        <translation>（系统的说明：%1）</translation>
    </message>
    <message>
        <source>Choose another folder for StudioDesk&apos;s records, or ask whoever looks after this computer to make this folder writable.</source>
        <translation>请为 StudioDesk 的记录另选一个文件夹，或请管理这台电脑的老师让这个文件夹可以写入。</translation>
    </message>
    <message>
        <source>Choose another folder…</source>
        <translation>另选文件夹…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>A folder for StudioDesk&apos;s records</source>
        <translation>存放 StudioDesk 记录的文件夹</translation>
    </message>
    <message>
        <source>%1, computer %2, since %3</source>
        <translation>%1，电脑 %2，自 %3 起</translation>
    </message>
    <message>
        <source>process %1 on %2</source>
        <translation>计算机 %2 上的进程 %1</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <source>A command is changing this database (%1):
%2

Start StudioDesk again once it has finished.</source>
        <translation>数据库正在被命令行程序修改（%1）：
%2

请等它完成后再启动 StudioDesk。</translation>
    </message>
    <message>
        <source>This database is already open (%1):
%2

Close StudioDesk there first; two programs writing one database could lose records.</source>
        <translation>此数据库已被打开（%1）：
%2

请先在那里关闭 StudioDesk；两个程序同时写入一个数据库可能丢失记录。</translation>
    </message>
</context>
<context>
    <name>AssessmentEditor</name>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Add evidence…</source>
        <translation>添加佐证材料…</translation>
    </message>
    <message>
        <source>What was done for this indicator</source>
        <translation>本指标的完成情况</translation>
    </message>
    <message>
        <source>Comment on this indicator</source>
        <translation>指标说明</translation>
    </message>
    <message>
        <source>Overall comment</source>
        <translation>总体评价</translation>
    </message>
    <message>
        <source>The assessment as a whole</source>
        <translation>对本次考核的总体评价</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Select an assessment, or start one with “New…”.</source>
        <translation>请选择一项考核，或点“新建…”开始新的考核。</translation>
    </message>
    <message>
        <source>school year %1</source>
        <translation>%1 学年</translation>
    </message>
    <message>
        <source>member: %1</source>
        <translation>成员：%1</translation>
    </message>
    <message>
        <source>Submitted on %1 — locked; copy it into a new draft to change it.</source>
        <translation>已于 %1 提交并锁定；如需修改，请复制为新草稿。</translation>
    </message>
    <message>
        <source>Level 1 indicator</source>
        <translation>一级指标</translation>
    </message>
    <message>
        <source>Level 2 indicator</source>
        <translation>二级指标</translation>
    </message>
    <message>
        <source>Level 3 indicator</source>
        <translation>三级指标</translation>
    </message>
    <message>
        <source>Level %1 indicator</source>
        <translation>%1 级指标</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>The records show:</source>
        <translation>记录显示：</translation>
    </message>
    <message>
        <source>No rule reads this indicator from the records: judge it.</source>
        <translation>该指标无法从记录中自动统计，请自行评定。</translation>
    </message>
    <message>
        <source>Select a lowest-level indicator to score it.</source>
        <translation>请选择一项末级指标进行评分。</translation>
    </message>
    <message>
        <source>No evidence yet. Records found by the rule, or added, appear here.</source>
        <translation>暂无佐证材料。按规则找到的记录和手动添加的材料会显示在这里。</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Changes undone.</source>
        <translation>已撤销修改。</translation>
    </message>
</context>
<context>
    <name>AssessmentLabels</name>
    <message>
        <source>Mid-term</source>
        <translation>中期考核</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>终期考核</translation>
    </message>
    <message>
        <source>Annual</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员年度考核</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Not fully scored (%1 / %2)</source>
        <translation>未完成评分（%1 / %2）</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Growth record</source>
        <translation>成长记录</translation>
    </message>
    <message>
        <source>Ledger entry</source>
        <translation>经费账目</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Annual summary</source>
        <translation>年度总结</translation>
    </message>
    <message>
        <source>Issued report</source>
        <translation>已出具的报表</translation>
    </message>
    <message>
        <source>Development plan</source>
        <translation>发展规划</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>below %1: %2</source>
        <translation>低于 %1：%2</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Copy to new draft</source>
        <translation>复制为新草稿</translation>
    </message>
    <message>
        <source>Delete draft…</source>
        <translation>删除草稿…</translation>
    </message>
    <message>
        <source>Submit…</source>
        <translation>提交…</translation>
    </message>
    <message>
        <source>No assessments yet. Start one with “New…”: the indicator table of the policy document, with what the records already show for each indicator.</source>
        <translation>还没有考核。点“新建…”开始一项考核：按政策文件的指标表逐项列出，并附上记录中已有的相应情况。</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>考核列表</translation>
    </message>
    <message>
        <source>A submitted assessment is locked</source>
        <translation>已提交的考核已锁定</translation>
    </message>
    <message>
        <source>Unsaved scores</source>
        <translation>评分未保存</translation>
    </message>
    <message>
        <source>The scores and comments of this assessment are not saved yet. Save them?</source>
        <translation>本次考核的评分和说明尚未保存。是否保存？</translation>
    </message>
    <message>
        <source>New draft created.</source>
        <translation>已新建草稿。</translation>
    </message>
    <message>
        <source>Copied “%1” into a new draft.</source>
        <translation>已将“%1”复制为新草稿。</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Delete the draft “%1” with its scores and comments?</source>
        <translation>删除草稿“%1”及其评分和说明？</translation>
    </message>
    <message>
        <source>Deleted the draft “%1”.</source>
        <translation>已删除草稿“%1”。</translation>
    </message>
    <message>
        <source>Correct the scores first: nothing was submitted.</source>
        <translation>请先更正评分：本次未提交。</translation>
    </message>
    <message>
        <source>Submit assessment</source>
        <translation>提交考核</translation>
    </message>
    <message>
        <source>Submit “%1”? It is locked afterwards: proposals not decided yet are taken as accepted, and the total and grade are frozen.</source>
        <translation>提交“%1”？提交后将锁定：待确认的佐证材料一律视为采纳，总分和等级不再变动。</translation>
    </message>
    <message>
        <source>Submitted “%1”; it is locked now.</source>
        <translation>已提交“%1”，现已锁定。</translation>
    </message>
</context>
<context>
    <name>AssessmentsModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Submitted on %1; locked</source>
        <translation>已于 %1 提交，已锁定</translation>
    </message>
    <message>
        <source>No grade until every indicator is scored</source>
        <translation>全部指标评分后才有等级</translation>
    </message>
</context>
<context>
    <name>Attendance</name>
    <message>
        <source>No sessions with attendance taken yet in the counted period.</source>
        <translation>统计期间内尚无已考勤的活动。</translation>
    </message>
    <message>
        <source>Missed %1 of %2 sessions (%3). This studio has no absence line.</source>
        <translation>应到 %2 次，缺勤 %1 次（%3）。本工作室未设缺勤红线。</translation>
    </message>
    <message>
        <source>Missed %1 of %2 sessions (%3): %5. The line is %4.</source>
        <translation>应到 %2 次，缺勤 %1 次（%3）：%5。缺勤红线为 %4。</translation>
    </message>
    <message>
        <source>Missed %1 of %2 sessions (%3): exactly the line of %4, which this studio counts as over (以上 includes the number itself).</source>
        <translation>应到 %2 次，缺勤 %1 次（%3）：恰好达到 %4 的红线，本工作室将其视为超线（“以上”包含本数）。</translation>
    </message>
    <message>
        <source>Missed %1 of %2 sessions (%3): over the line of %4.</source>
        <translation>应到 %2 次，缺勤 %1 次（%3）：已超过 %4 的红线。</translation>
    </message>
    <message>
        <source>Missed %1 of %2 sessions (%3). Missing the next one would cross the line of %4.</source>
        <translation>应到 %2 次，缺勤 %1 次（%3）。下次再缺勤将超过 %4 的红线。</translation>
    </message>
    <message>
        <source>Missed %1 of %2 sessions (%3). The line is %4.</source>
        <translation>应到 %2 次，缺勤 %1 次（%3）。红线为 %4。</translation>
    </message>
    <message>
        <source>Leave counts as absence</source>
        <translation>请假计为缺勤</translation>
    </message>
    <message>
        <source>Leave does not count as absence</source>
        <translation>请假不计为缺勤</translation>
    </message>
    <message>
        <source>exactly %1 already counts as over</source>
        <translation>恰好 %1 即算超线</translation>
    </message>
    <message>
        <source>only more than %1 counts as over</source>
        <translation>超过 %1 才算超线</translation>
    </message>
    <message>
        <source>counted over this school year</source>
        <translation>按本学年统计</translation>
    </message>
    <message>
        <source>counted over the whole build cycle to date</source>
        <translation>按建设周期开始至今统计</translation>
    </message>
    <message>
        <source>nobody is judged before being expected at %2 sessions</source>
        <translation>应到未满 %2 次的成员暂不判定</translation>
    </message>
    <message>
        <source>Absence line %1 (source: %2).</source>
        <translation>缺勤红线 %1（依据：%2）。</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>Attendance: %1</source>
        <translation>考勤：%1</translation>
    </message>
    <message>
        <source>All present (Ctrl+A)</source>
        <translation>全部出勤（Ctrl+A）</translation>
    </message>
    <message>
        <source>Marks everyone not yet marked as present; when all are marked, everyone.</source>
        <translation>将尚未标记的人标为出勤；如已全部标记，则将所有人标为出勤。</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Save attendance</source>
        <translation>保存考勤</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>presenter: %1</source>
        <translation>主讲：%1</translation>
    </message>
    <message>
        <source>Attendance was saved before; saving again replaces it.</source>
        <translation>此前已保存过考勤；再次保存将覆盖原记录。</translation>
    </message>
    <message>
        <source>Not taken yet: the list holds everyone expected on that day.</source>
        <translation>尚未考勤：名单包含当天所有应到人员。</translation>
    </message>
    <message>
        <source>Keys: %1</source>
        <translation>按键：%1</translation>
    </message>
    <message>
        <source>↑ ↓ move · Shift+↑↓ selects several · 0 clears · Ctrl+A all present · F2 or double-click writes a note · Enter saves</source>
        <translation>↑ ↓ 移动 · Shift+↑↓ 多选 · 0 清除 · Ctrl+A 全部出勤 · F2 或双击填写备注 · Enter 保存</translation>
    </message>
    <message>
        <source>%1 on the list, %2 marked</source>
        <translation>名单 %1 人，已标记 %2 人</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Member expected at this activity:</source>
        <translation>本次活动应到成员：</translation>
    </message>
    <message>
        <source>Everyone who belonged to the studio on that day is on the list.</source>
        <translation>当天在册的成员都已在名单中。</translation>
    </message>
    <message>
        <source>Not marked yet: %1. Mark them or remove them from the list.</source>
        <translation>尚未标记：%1。请标记，或将其从列表中移除。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source> (missed %1)</source>
        <translation>（缺勤 %1）</translation>
    </message>
    <message>
        <source>Attendance flags changed:</source>
        <translation>考勤状态有变化：</translation>
    </message>
    <message>
        <source>A member over the line has missed more sessions than the studio&apos;s rules allow; ending the membership stays the host&apos;s decision.</source>
        <translation>超线成员的缺勤次数已超过工作室规定；是否办理退出仍由主持人决定。</translation>
    </message>
    <message>
        <source>Attendance saved</source>
        <translation>考勤已保存</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Not marked</source>
        <translation>未标记</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Absences so far</source>
        <translation>累计缺勤</translation>
    </message>
    <message>
        <source>Double-click or press F2 to write a note</source>
        <translation>双击或按 F2 填写备注</translation>
    </message>
</context>
<context>
    <name>AttendancePreviewDialog</name>
    <message>
        <source>Import attendance</source>
        <translation>导入考勤</translation>
    </message>
    <message>
        <source>Import attendance: %1</source>
        <translation>导入考勤：%1</translation>
    </message>
    <message>
        <source>%1 changes, %2 problems</source>
        <translation>%1 处变更，%2 个问题</translation>
    </message>
    <message>
        <source>The file changes nothing.</source>
        <translation>该文件没有任何变更。</translation>
    </message>
    <message>
        <source>Correct the file and import it again: nothing is imported while any line is wrong.</source>
        <translation>请修改文件后重新导入：只要有一行有误，就不会导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing is written until you press Import.</source>
        <translation>点击“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backups</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Backups folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Back up to a folder or USB stick…</source>
        <translation>备份到文件夹或 U 盘…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>in the dump</source>
        <translation>含在备份中</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复选中的备份…</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>The database is open read-only (%1): StudioDesk cannot back it up or restore it here. Copy the database to a folder you can write to.</source>
        <translation>数据库以只读方式打开（%1）：无法在此备份或恢复。请把数据库复制到可写的文件夹。</translation>
    </message>
    <message>
        <source>checked, sound</source>
        <translation>已校验，完好</translation>
    </message>
    <message>
        <source>damaged: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <source>Back up to a folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <source>Restore from a backup file</source>
        <translation>从备份文件恢复</translation>
    </message>
    <message>
        <source>StudioDesk backups (*.zip)</source>
        <translation>StudioDesk 备份 (*.zip)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Kept: one a day for 7 days, one a week for 4 weeks, one a month for 12 months; backups you make yourself are never deleted.</source>
        <translation>保留规则：最近 7 天每天一份、最近 4 周每周一份、最近 12 个月每月一份；手动备份从不自动删除。</translation>
    </message>
    <message>
        <source>StudioDesk on this PC backs up the school server&apos;s database (with its files) once a day while it runs, with PostgreSQL&apos;s pg_dump, into the folder below. Every backup is restored into a scratch database on the server and its rows compared before it counts. A backup is restored into a new database on the server: the one in use is never replaced.</source>
        <translation>本机的 StudioDesk 运行期间每天一次，用数据库服务器自带的备份工具把学校服务器上的数据库（连同其中的文件）备份到下面的文件夹。每份备份都先恢复到服务器上的临时数据库并逐表核对记录数，通过后才算数。恢复备份时恢复到服务器上的一个新数据库，从不替换正在使用的数据库。</translation>
    </message>
    <message>
        <source>StudioDesk backs up the database and the studio&apos;s files when it closes and once a day while it runs. Every backup is read back and checked before it counts.</source>
        <translation>StudioDesk 在关闭时以及运行期间每天一次，自动备份数据库和工作室文件。每份备份写好后都会读回校验，通过后才算数。</translation>
    </message>
    <message>
        <source>Writing and checking the backup…</source>
        <translation>正在写入并校验备份…</translation>
    </message>
    <message>
        <source>Backup written and checked: %1 (%2, %3 files).</source>
        <translation>备份已写入并通过校验：%1（%2，%3 个文件）。</translation>
    </message>
    <message>
        <source>No backup was made: %1</source>
        <translation>未能备份：%1</translation>
    </message>
    <message>
        <source>This backup cannot be restored: %1</source>
        <translation>该备份无法恢复：%1</translation>
    </message>
    <message>
        <source>Restore the backup made on %1 (%2 files)?

Everything entered since then is replaced. The database as it is now is first kept as a backup (“before a restore”), so this can be undone.</source>
        <translation>恢复制作于 %1 的备份（%2 个文件）吗？

此后录入的所有内容都会被替换。当前的数据库会先保留为一份备份（“恢复前”），因此可以撤销。</translation>
    </message>
    <message>
        <source>Restore into a new database</source>
        <translation>恢复到新数据库</translation>
    </message>
    <message>
        <source>The backup is restored into a NEW database on the server; the database in use stays as it is. Name of the new database (letters, digits, _):</source>
        <translation>备份将恢复到服务器上的一个“新”数据库中，正在使用的数据库保持不变。新数据库的名称（字母、数字、_）：</translation>
    </message>
    <message>
        <source>Restoring the backup into a new database and checking its rows…</source>
        <translation>正在把备份恢复到新数据库并核对记录……</translation>
    </message>
    <message>
        <source>The backup made on %1 is restored into the new database %2 (%3 rows, checked). To work on it, connect to:
%4
(in Settings; every PC that should use it connects there too.)</source>
        <translation>%1 的备份已恢复到新数据库 %2（%3 条记录，已核对）。要使用它，请连接：
%4
（在“设置”中连接；需要使用它的每台电脑都要改连到这里。）</translation>
    </message>
    <message>
        <source>The backup was not restored: %1</source>
        <translation>未恢复该备份：%1</translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>临界</translation>
    </message>
    <message>
        <source>Over the line</source>
        <translation>超线</translation>
    </message>
    <message>
        <source>Not judged yet</source>
        <translation>暂不判定</translation>
    </message>
    <message>
        <source>No absence line</source>
        <translation>未设红线</translation>
    </message>
    <message>
        <source>fewer than %1 sessions, not judged yet</source>
        <translation>未满 %1 次，暂不判定</translation>
    </message>
    <message>
        <source>No sessions yet</source>
        <translation>暂无考勤</translation>
    </message>
    <message>
        <source>missed %1</source>
        <translation>缺勤 %1</translation>
    </message>
    <message>
        <source>missed %1 · %2</source>
        <translation>缺勤 %1 · %2</translation>
    </message>
    <message>
        <source>%1 · missed %2</source>
        <translation>%1 · 缺勤 %2</translation>
    </message>
    <message>
        <source>Nobody is judged against the absence line before being expected at %1 sessions (Settings, attendance).</source>
        <translation>成员应到满 %1 次后才判定是否临界、超线（见“设置”中的考勤设置）。</translation>
    </message>
    <message>
        <source>This studio has no absence line: nobody is at risk or over the line.</source>
        <translation>本工作室未设缺勤红线：不判定临界、超线。</translation>
    </message>
    <message>
        <source>Missing the next session would cross the absence line.</source>
        <translation>下次再缺勤将超过缺勤红线。</translation>
    </message>
    <message>
        <source>Absent from more than the allowed share of sessions; ending the membership is the host&apos;s decision.</source>
        <translation>缺勤比例已超过规定；是否办理退出由主持人决定。</translation>
    </message>
</context>
<context>
    <name>BudgetsDialog</name>
    <message>
        <source>Budgets for %1</source>
        <translation>%1 预算</translation>
    </message>
    <message>
        <source>Plan how the year&apos;s money is shared among the categories.</source>
        <translation>规划本年度经费在各类别之间的分配。</translation>
    </message>
    <message>
        <source>The preset&apos;s yearly grant is %1.</source>
        <translation>预设的年度拨款为 %1。</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>未设预算</translation>
    </message>
    <message>
        <source>spent so far %1</source>
        <translation>已支出 %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Total budget: %1</source>
        <translation>预算合计：%1</translation>
    </message>
</context>
<context>
    <name>BuildPlanTab</name>
    <message>
        <source>Save build plan</source>
        <translation>保存建设规划</translation>
    </message>
    <message>
        <source>The build plan covers the whole build cycle (%1): its goals, what is distinctive about the studio, and the main measures.</source>
        <translation>建设规划覆盖整个建设周期（%1）：建设目标、工作室特色和主要措施。</translation>
    </message>
    <message>
        <source>Not written yet.</source>
        <translation>尚未填写。</translation>
    </message>
    <message>
        <source>Build plan saved.</source>
        <translation>建设规划已保存。</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>No spending categories.</source>
        <translation>没有支出类别。</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Spent: %1</source>
        <translation>已支出：%1</translation>
    </message>
    <message>
        <source>No budget set</source>
        <translation>未设预算</translation>
    </message>
    <message>
        <source>Budget: %1</source>
        <translation>预算：%1</translation>
    </message>
    <message>
        <source>Over budget by %1</source>
        <translation>超预算 %1</translation>
    </message>
    <message>
        <source>Remaining: %1</source>
        <translation>剩余：%1</translation>
    </message>
    <message>
        <source>No months to show.</source>
        <translation>没有可显示的月份。</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Income: %1</source>
        <translation>收入：%1</translation>
    </message>
    <message>
        <source>Spending: %1</source>
        <translation>支出：%1</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>暂无数据。</translation>
    </message>
</context>
<context>
    <name>ConfirmStep</name>
    <message>
        <source>Check the entry before it is saved</source>
        <translation>记账前请核对</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>返回修改</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出现了意外问题</translation>
    </message>
    <message>
        <source>StudioDesk met an unexpected problem. What you saved before is safe; the action that failed was not saved. You can go on working. The report below is also in %1 — please send it to whoever looks after StudioDesk.</source>
        <translation>StudioDesk 遇到意外问题。此前保存的内容都安全；刚才失败的操作没有保存。您可以继续工作。下面的报告也已写入 %1，请发给负责维护 StudioDesk 的人员。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember the password on this computer</source>
        <translation>在此电脑上记住密码</translation>
    </message>
    <message>
        <source>Kept in the system&apos;s keyring, never in a file of StudioDesk.</source>
        <translation>密码保存在系统的密钥环中，不会写入 StudioDesk 的任何文件。</translation>
    </message>
    <message>
        <source>This computer has no system keyring StudioDesk can use (on Linux: a desktop&apos;s secret service, such as GNOME Keyring or KWallet). The password is asked at each start.</source>
        <translation>这台电脑没有 StudioDesk 可用的系统密钥环（需要桌面环境的密钥服务），每次启动时都会询问密码。</translation>
    </message>
</context>
<context>
    <name>EndMembershipDialog</name>
    <message>
        <source>End membership: %1</source>
        <translation>办理退出：%1</translation>
    </message>
    <message>
        <source>%1 stays in the records and can be shown with the “Left” filter.</source>
        <translation>%1 的记录会保留，可通过“已退出”筛选查看。</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>退出原因</translation>
    </message>
    <message>
        <source>End membership</source>
        <translation>确认退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>The entry stays in the ledger as it was. Saving records its reversal and the corrected entry below, dated as the corrected entry.</source>
        <translation>原记录保留在台账中不变。保存后将记录一笔冲销和下方更正后的记录，日期均为更正后记录的日期。</translation>
    </message>
    <message>
        <source>e.g. wrong amount typed; the invoice says</source>
        <translation>例如：金额录错，应以发票为准</translation>
    </message>
    <message>
        <source>e.g. 3000, 3,000.50 or 3000元</source>
        <translation>如 3,000.50</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Choose a category</source>
        <translation>选择类别</translation>
    </message>
    <message>
        <source>e.g. 2026-017</source>
        <translation>例如：2026-017</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>What the money was for</source>
        <translation>经费用途</translation>
    </message>
    <message>
        <source>(no activity)</source>
        <translation>（无关联活动）</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Why this spending goes beyond the year&apos;s balance; it is shown in every report</source>
        <translation>说明该笔支出超出本年度结余的原因；将显示在所有报告中</translation>
    </message>
    <message>
        <source>Payee</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Overspending reason</source>
        <translation>超支原因</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Income or expense</source>
        <translation>收入或支出</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>For the activity</source>
        <translation>关联活动</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Receipts and invoices (copied into the store)</source>
        <translation>票据与发票（将复制到资料库）</translation>
    </message>
    <message>
        <source>Add receipts…</source>
        <translation>添加票据…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Next: check the entry</source>
        <translation>下一步：核对</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save the entry</source>
        <translation>确认记账</translation>
    </message>
    <message>
        <source>Correct an entry</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>Record income</source>
        <translation>登记收入</translation>
    </message>
    <message>
        <source>Record expense</source>
        <translation>登记支出</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>Who was paid, e.g. the expert or the bookshop</source>
        <translation>收款的一方，例如专家或书店</translation>
    </message>
    <message>
        <source>Who paid the money in, e.g. the school&apos;s finance office</source>
        <translation>付款的一方，例如学校财务处</translation>
    </message>
    <message>
        <source>Once saved, the entry cannot be changed or deleted: a mistake can only be corrected by a reversal, and both stay in the ledger.</source>
        <translation>记账后不能修改或删除：如有错误，只能通过冲销更正，原记录和冲销记录都留在台账中。</translation>
    </message>
    <message>
        <source>Once saved, the reversal and the corrected entry cannot be changed or deleted; the first entry stays in the ledger, reversed.</source>
        <translation>记账后，冲销记录和更正后的记录都不能修改或删除；原记录仍留在台账中，标为已冲销。</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>票据</translation>
    </message>
    <message>
        <source>Could not copy a file: %1</source>
        <translation>无法复制文件：%1</translation>
    </message>
</context>
<context>
    <name>EvidencePickerDialog</name>
    <message>
        <source>Add evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Evidence for %1</source>
        <translation>“%1”的佐证材料</translation>
    </message>
    <message>
        <source>Filter by words in the label</source>
        <translation>按名称中的关键词筛选</translation>
    </message>
    <message>
        <source>This school year has no activities, growth records or ledger entries yet.</source>
        <translation>本学年还没有活动、成长记录或经费账目。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EvidenceRow</name>
    <message>
        <source>(added by hand)</source>
        <translation>（手动添加）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Proposed by the indicator&apos;s rule; taken as accepted on submission</source>
        <translation>由指标规则自动列出；提交时视为采纳</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Period:</source>
        <translation>报送期间：</translation>
    </message>
    <message>
        <source>Include full phone and ID numbers</source>
        <translation>包含完整的电话和身份证号</translation>
    </message>
    <message>
        <source>Bureau inbox…</source>
        <translation>教育局汇总…</translation>
    </message>
    <message>
        <source>For the education bureau: verify and compare a folder of bundles</source>
        <translation>供教育局使用：校验并比较一个文件夹中的材料包</translation>
    </message>
    <message>
        <source>The bundle will hold full phone and ID numbers: hand it only to whom the rules allow.</source>
        <translation>材料包将包含完整的电话和身份证号：请只交给规定允许的接收方。</translation>
    </message>
    <message>
        <source>What goes into the bundle</source>
        <translation>材料包内容</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>What the bureau will expect but is missing</source>
        <translation>教育局会要求但尚缺的材料</translation>
    </message>
    <message>
        <source>Missing items do not stop the export: the bundle can be sent as it is, and sent again once they are done.</source>
        <translation>缺项不影响导出：材料包可先照现状报送，补齐后再次报送。</translation>
    </message>
    <message>
        <source>Export bundle…</source>
        <translation>导出材料包…</translation>
    </message>
    <message>
        <source>Last export</source>
        <translation>最近一次导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>The studio&apos;s signature fingerprint: %1 (the whole one is in Settings)</source>
        <translation>本工作室数字签名指纹：%1（完整指纹见“设置”）</translation>
    </message>
    <message>
        <source>The studio&apos;s signing key is made at the host&apos;s first export.</source>
        <translation>本工作室的签名密钥将在主持人第一次导出时生成。</translation>
    </message>
    <message>
        <source>%1 files. Evidence files: %2 (%3). Data as of %4.</source>
        <translation>共 %1 个文件。佐证文件：%2 个（%3）。数据截至 %4。</translation>
    </message>
    <message>
        <source>No period to export.</source>
        <translation>没有可导出的期间。</translation>
    </message>
    <message>
        <source>Check files and digital signature</source>
        <translation>校验文件与数字签名</translation>
    </message>
    <message>
        <source>The bundle carries check files and this computer&apos;s digital signature: the bureau can tell that it comes from your studio and that nothing in it was changed after the export.</source>
        <translation>材料包附有校验文件和本机的数字签名：教育局据此可以确认材料确由本工作室报送，导出后没有被改动。</translation>
    </message>
    <message>
        <source>Forms to fill in, sign and stamp</source>
        <translation>需填写、签字、盖章的表格</translation>
    </message>
    <message>
        <source>The application form and its summary sheet, filled in from the records; the annual summary as a Word document to finish. Their layout is the program&apos;s: the policy document gives only their titles.</source>
        <translation>申报表和申报汇总表按台账记录填好，年度总结导出为 Word 文档以便继续完善。两张申报表格的格式由本程序编排：政策文件只给出了表名。</translation>
    </message>
    <message>
        <source>Application form (Word)…</source>
        <translation>申报表（Word）…</translation>
    </message>
    <message>
        <source>Application form (PDF)…</source>
        <translation>申报表（PDF）…</translation>
    </message>
    <message>
        <source>Summary sheet of applications (Excel)…</source>
        <translation>申报汇总表（Excel）…</translation>
    </message>
    <message>
        <source>Annual summary (Word)…</source>
        <translation>年度总结（Word）…</translation>
    </message>
    <message>
        <source>Bundle format</source>
        <translation>材料包格式</translation>
    </message>
    <message>
        <source>Check files</source>
        <translation>校验文件</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>数字签名</translation>
    </message>
    <message>
        <source>Signature fingerprint</source>
        <translation>数字签名指纹</translation>
    </message>
    <message>
        <source>Checksum of the bundle</source>
        <translation>材料包校验值</translation>
    </message>
    <message>
        <source>Choose a school year above: the summary is written for one year.</source>
        <translation>请先在上方选择一个学年：年度总结按学年撰写。</translation>
    </message>
    <message>
        <source>Nothing missing.</source>
        <translation>没有缺项。</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <source>for the bureau&apos;s check; %1 files</source>
        <translation>供教育局核对，共 %1 个文件</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>导出材料包</translation>
    </message>
    <message>
        <source>Submission bundle (*.zip)</source>
        <translation>报送材料包 (*.zip)</translation>
    </message>
    <message>
        <source>Checking the written bundle…</source>
        <translation>正在校验写好的材料包…</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>正在生成材料包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Checked ✓ — the check files match and the digital signature is valid</source>
        <translation>检查通过 ✓ —— 校验文件相符，数字签名有效</translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>校验未通过：%1</translation>
    </message>
    <message>
        <source>It holds full phone and ID numbers: hand it only to whom the rules allow.</source>
        <translation>其中含完整的电话和身份证号，请只交给规定允许的人。</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Application form (Word)</source>
        <translation>申报表（Word）</translation>
    </message>
    <message>
        <source>Application form (PDF)</source>
        <translation>申报表（PDF）</translation>
    </message>
    <message>
        <source>Summary sheet of applications (Excel)</source>
        <translation>申报汇总表（Excel）</translation>
    </message>
    <message>
        <source>Annual summary (Word)</source>
        <translation>年度总结（Word）</translation>
    </message>
</context>
<context>
    <name>FundsModel</name>
    <message>
        <source>beyond balance</source>
        <translation>超出结余</translation>
    </message>
    <message>
        <source>reversed</source>
        <translation>已冲销</translation>
    </message>
    <message>
        <source>Beyond the balance. Reason: %1</source>
        <translation>超出结余。原因：%1</translation>
    </message>
    <message>
        <source>Reverses the entry of %1 (%2).</source>
        <translation>冲销 %1 的记录（%2）。</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Reversed on %1.</source>
        <translation>已于 %1 冲销。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category / source</source>
        <translation>类别/来源</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Payee / paid by</source>
        <translation>收款方/付款方</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>For the activity %1</source>
        <translation>关联活动：%1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>over budget</source>
        <translation>超预算</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>未设预算</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>已支出</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Over budget by %1</source>
        <translation>超预算 %1</translation>
    </message>
</context>
<context>
    <name>FundsPage</name>
    <message>
        <source>Income and expenses</source>
        <translation>收入和支出</translation>
    </message>
    <message>
        <source>Income only</source>
        <translation>仅收入</translation>
    </message>
    <message>
        <source>Expenses only</source>
        <translation>仅支出</translation>
    </message>
    <message>
        <source>Purpose, payee, voucher or handler</source>
        <translation>摘要、收款方、凭证号或经办人</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Record income…</source>
        <translation>登记收入…</translation>
    </message>
    <message>
        <source>Record expense…</source>
        <translation>登记支出…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Reverse…</source>
        <translation>冲销…</translation>
    </message>
    <message>
        <source>Attach receipts…</source>
        <translation>添加票据…</translation>
    </message>
    <message>
        <source>Spending report (PDF)…</source>
        <translation>经费使用情况报告（PDF）…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Entries are never changed: correct a mistake with a reversal.</source>
        <translation>记录一经登记不可修改：如有错误，请通过冲销更正。</translation>
    </message>
    <message>
        <source>Records the reversal of the selected entry and the corrected entry.</source>
        <translation>为选中的记录登记一笔冲销和更正后的记录。</translation>
    </message>
    <message>
        <source>Cancels the selected entry with a reversal entry.</source>
        <translation>用一笔冲销记录抵消选中的记录。</translation>
    </message>
    <message>
        <source>Close month…</source>
        <translation>月结…</translation>
    </message>
    <message>
        <source>Close year…</source>
        <translation>年结…</translation>
    </message>
    <message>
        <source>No entry dated inside a closed period can be added afterwards.</source>
        <translation>结账后，不能再添加日期在已结账期间内的记录。</translation>
    </message>
    <message>
        <source>Double-click to open; add receipts with “Attach receipts…”</source>
        <translation>双击打开；点“添加票据…”添加票据</translation>
    </message>
    <message>
        <source>Selected entry</source>
        <translation>选中的记录</translation>
    </message>
    <message>
        <source>Add category…</source>
        <translation>添加类别…</translation>
    </message>
    <message>
        <source>Budgets…</source>
        <translation>预算…</translation>
    </message>
    <message>
        <source>Budget by category</source>
        <translation>分类别预算</translation>
    </message>
    <message>
        <source>No spending categories.</source>
        <translation>没有支出类别。</translation>
    </message>
    <message>
        <source>Spending by category</source>
        <translation>分类别支出</translation>
    </message>
    <message>
        <source>Income and spending by month</source>
        <translation>各月收入与支出</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>No entry matches the filter.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>Nothing recorded for %1 yet. Start with the year&apos;s grant: “Record income…”.</source>
        <translation>%1 还没有任何记录。请先登记本年度的拨款：“登记收入…”。</translation>
    </message>
    <message>
        <source>Income %1</source>
        <translation>收入 %1</translation>
    </message>
    <message>
        <source>Spent %1</source>
        <translation>支出 %1</translation>
    </message>
    <message>
        <source>Balance %1</source>
        <translation>结余 %1</translation>
    </message>
    <message>
        <source>The yearly grant (%1) is not recorded for %2 yet.</source>
        <translation>%2 的年度拨款（%1）尚未登记。</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>已结账：%1</translation>
    </message>
    <message>
        <source>No period closed yet.</source>
        <translation>尚未结账。</translation>
    </message>
    <message>
        <source>Budget by category, %1</source>
        <translation>%1 分类别预算</translation>
    </message>
    <message>
        <source>Select an entry to see its details and receipts.</source>
        <translation>选择一条记录以查看详情和票据。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Payee</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>关联活动</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>登记后余额</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>票据</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Entry recorded.</source>
        <translation>已登记。</translation>
    </message>
    <message>
        <source>Corrected: the entry of %1 is reversed and the corrected entry recorded.</source>
        <translation>已更正：%1 的记录已冲销，并已登记更正后的记录。</translation>
    </message>
    <message>
        <source>The entry of %1 is reversed.</source>
        <translation>%1 的记录已冲销。</translation>
    </message>
    <message>
        <source>Attach receipts</source>
        <translation>添加票据</translation>
    </message>
    <message>
        <source>%1 receipts attached.</source>
        <translation>已添加 %1 张票据。</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>No program on this computer opens %1</source>
        <translation>本机没有能打开 %1 的程序</translation>
    </message>
    <message>
        <source>Add category</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>A spending category of this studio (the preset&apos;s are always there). Categories cannot be removed.</source>
        <translation>本工作室自定的支出类别（预设类别始终保留）。类别添加后不能删除。</translation>
    </message>
    <message>
        <source>Category “%1” added.</source>
        <translation>已添加类别“%1”。</translation>
    </message>
    <message>
        <source>Budgets saved for %1.</source>
        <translation>%1 的预算已保存。</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费</translation>
    </message>
    <message>
        <source>Close month</source>
        <translation>月结</translation>
    </message>
    <message>
        <source>Month to close:</source>
        <translation>结账月份：</translation>
    </message>
    <message>
        <source>Every month of %1 so far is closed.</source>
        <translation>%1 截至目前的各月均已结账。</translation>
    </message>
    <message>
        <source>Close %1?</source>
        <translation>确定对 %1 结账？</translation>
    </message>
    <message>
        <source>No entry dated in it can be added afterwards, and closing cannot be undone.</source>
        <translation>结账后不能再添加该期间内的记录，且结账无法撤销。</translation>
    </message>
    <message>
        <source>%1 is closed.</source>
        <translation>%1 已结账。</translation>
    </message>
    <message>
        <source>The year is not over yet.</source>
        <translation>本年度尚未结束。</translation>
    </message>
    <message>
        <source>Close year</source>
        <translation>年结</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Spending report</source>
        <translation>经费使用情况报告</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Spending report saved: %1</source>
        <translation>经费使用情况报告已保存：%1</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Ledger exported: %1</source>
        <translation>台账已导出：%1</translation>
    </message>
</context>
<context>
    <name>GradeFooter</name>
    <message>
        <source>Total %1 / %2 · grade: %3</source>
        <translation>总分 %1 / %2 · 等级：%3</translation>
    </message>
    <message numerus="yes">
        <source>— %n score(s) not valid</source>
        <translation>
            <numerusform>— %n 项评分无效</numerusform>
        </translation>
    </message>
    <message>
        <source>Total %1 / %2 · %3</source>
        <translation>总分 %1 / %2 · %3</translation>
    </message>
    <message>
        <source>If the grade of this %1 is %2: “%3” — %4</source>
        <translation>本次%1等级为%2时：“%3”——%4</translation>
    </message>
    <message>
        <source>Grades: %1.</source>
        <translation>等级划分：%1。</translation>
    </message>
    <message>
        <source>Hide where they come from</source>
        <translation>收起依据</translation>
    </message>
    <message>
        <source>Where the grades and points come from…</source>
        <translation>等级与分值的依据…</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import roster: %1</source>
        <translation>导入名册：%1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>%1 to add, %2 to update, %3 unchanged, %4 with errors</source>
        <translation>新增 %1 人，更新 %2 人，无变化 %3 人，有错误 %4 行</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Nothing will be imported until every row is correct. Fix the file and import it again.</source>
        <translation>所有行都正确后才会导入。请修改文件后重新导入。</translation>
    </message>
</context>
<context>
    <name>InboxDialog</name>
    <message>
        <source>Bureau inbox</source>
        <translation>报送材料汇总</translation>
    </message>
    <message>
        <source>For the education bureau: put the bundles the studios sent into one folder and read them here. Every file is checked without being unpacked; a damaged or altered bundle is marked with the reason.</source>
        <translation>供教育局使用：把各工作室报送的包放进同一个文件夹，在此读取。每个文件都在不解压的情况下校验；损坏或被改动的包会标明原因。</translation>
    </message>
    <message>
        <source>Folder of bundles:</source>
        <translation>材料包文件夹：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Expected studios (optional):</source>
        <translation>应报工作室名单（可选）：</translation>
    </message>
    <message>
        <source>An .xlsx, .csv or .txt list: one studio per row, optionally its key fingerprint</source>
        <translation>.xlsx、.csv 或 .txt 名单：每行一个工作室，可附签名指纹</translation>
    </message>
    <message>
        <source>Period (optional):</source>
        <translation>期间（可选）：</translation>
    </message>
    <message>
        <source>the one most bundles are for</source>
        <translation>多数材料包所属的期间</translation>
    </message>
    <message>
        <source>The period whose completeness is shown, e.g. 2025-2026 or 2024-2027中期</source>
        <translation>显示报送情况的期间，例如 2025-2026 或 2024-2027中期</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名指纹</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员数</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动次数</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤率</translation>
    </message>
    <message>
        <source>Over the line</source>
        <translation>缺勤超线</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>到账经费</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Yearly duties</source>
        <translation>年度职责</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>考核等级</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>材料包</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已报送</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Completeness</source>
        <translation>报送情况</translation>
    </message>
    <message>
        <source>Save comparison workbook…</source>
        <translation>保存比较汇总表…</translation>
    </message>
    <message>
        <source>Folder of bundles</source>
        <translation>材料包文件夹</translation>
    </message>
    <message>
        <source>Expected studios</source>
        <translation>应报工作室名单</translation>
    </message>
    <message>
        <source>Lists (*.xlsx *.csv *.txt)</source>
        <translation>名单 (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Choose the folder that holds the bundles first.</source>
        <translation>请先选择存放材料包的文件夹。</translation>
    </message>
    <message>
        <source>Reading bundles…</source>
        <translation>正在读取材料包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Scan cancelled.</source>
        <translation>已取消读取。</translation>
    </message>
    <message>
        <source>There is no folder %1.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Bundles (%1)</source>
        <translation>材料包（%1）</translation>
    </message>
    <message>
        <source>Completeness (%1)</source>
        <translation>报送情况（%1）</translation>
    </message>
    <message>
        <source>%1 files, %2 valid.</source>
        <translation>共 %1 个文件，有效 %2 个。</translation>
    </message>
    <message>
        <source>%1 not valid: see the reason in the row.</source>
        <translation>%1 个无效：原因见对应行。</translation>
    </message>
    <message>
        <source>Reporting rate for %1: %2</source>
        <translation>%1 报送率：%2</translation>
    </message>
    <message>
        <source>The folder holds no files.</source>
        <translation>该文件夹中没有文件。</translation>
    </message>
    <message>
        <source>Not a valid bundle.</source>
        <translation>不是有效的材料包。</translation>
    </message>
    <message>
        <source>Signer: %1</source>
        <translation>签名指纹：%1</translation>
    </message>
    <message>
        <source>Bagging date</source>
        <translation>打包日期</translation>
    </message>
    <message>
        <source>Choose the list of expected studios to see who has submitted and the reporting rate.</source>
        <translation>请选择应报送的工作室名单，以查看哪些已报送及报送率。</translation>
    </message>
    <message>
        <source>Not on the expected list.</source>
        <translation>不在应报送名单中。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Save comparison workbook</source>
        <translation>保存比较汇总表</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Workbook saved: %1</source>
        <translation>汇总表已保存：%1</translation>
    </message>
</context>
<context>
    <name>IndicatorTree</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Self-score</source>
        <translation>自评分</translation>
    </message>
    <message>
        <source>What the records show</source>
        <translation>记录情况</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>%1 accepted, %2 proposed, %3 removed</source>
        <translation>已采纳 %1 项，待确认 %2 项，已移除 %3 项</translation>
    </message>
    <message>
        <source>* proposals not decided yet are taken as accepted on submission</source>
        <translation>* 待确认的材料在提交时视为采纳</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome to StudioDesk</source>
        <translation>欢迎使用工作室台账</translation>
    </message>
    <message>
        <source>StudioDesk keeps the records of a head-teacher studio: its members and their growth files, activities and attendance, funds, plans and assessments, and the reports for the education bureau.

Set up your studio in two short steps (your name, then the studio), or look around in a demo studio first. The demo is kept in a database of its own and never mixed with your records.</source>
        <translation>工作室台账用于管理名班主任工作室的各项记录：成员及其成长档案、活动与考勤、经费、计划与考核，以及报送教育局的材料。

只需两步（先填您的姓名，再填工作室）即可创建您的工作室，也可以先打开演示工作室看看。演示数据保存在单独的数据库中，不会与您的记录混在一起。</translation>
    </message>
    <message>
        <source>Open the demo studio</source>
        <translation>打开演示工作室</translation>
    </message>
    <message>
        <source>Several computers of the school on one database: the school&apos;s IT person prepares it on the school server and gives you its address and your account.</source>
        <translation>学校多台电脑共用一个数据库：由学校的信息技术老师在学校服务器上准备好，并告诉您服务器地址和您的账号。</translation>
    </message>
    <message>
        <source>New studio on the school server…</source>
        <translation>在学校服务器上新建…</translation>
    </message>
    <message>
        <source>Connect to the school server…</source>
        <translation>连接学校服务器…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Lecture or exchange</source>
        <translation>讲座/交流</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>The automatic backup of %1 did not succeed: %2. Make one on the Backups page (to a USB stick if this disk is full).</source>
        <translation>%1 的自动备份没有成功：%2。请在“备份与恢复”页立即备份一次（如果这个磁盘已满，请备份到 U 盘）。</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如：%1</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>School grant</source>
        <translation>学校核拨专项经费</translation>
    </message>
    <message>
        <source>Education bureau grant</source>
        <translation>教育局拨款</translation>
    </message>
    <message>
        <source>Other income</source>
        <translation>其他收入</translation>
    </message>
    <message>
        <source>Income reversal</source>
        <translation>冲销收入</translation>
    </message>
    <message>
        <source>Expense reversal</source>
        <translation>冲销支出</translation>
    </message>
    <message>
        <source>%1 %2 %3 yuan</source>
        <translation>%1 %2 %3 元</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Reverses %1, for this reason: %2</source>
        <translation>冲销 %1，原因：%2</translation>
    </message>
</context>
<context>
    <name>LedgerImport</name>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Already in the ledger</source>
        <translation>已在台账中</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>LedgerImportPreviewDialog</name>
    <message>
        <source>Import ledger entries</source>
        <translation>导入台账记录</translation>
    </message>
    <message>
        <source>Import ledger entries: %1</source>
        <translation>导入台账记录：%1</translation>
    </message>
    <message>
        <source>%1 rows, %2 problems</source>
        <translation>%1 行，%2 个问题</translation>
    </message>
    <message>
        <source>Correct the file and import it again: nothing is imported while any row is wrong.</source>
        <translation>请修改文件后重新导入：只要有一行有误，就不会导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing is written until you press Import.</source>
        <translation>点击“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Every row is already in the ledger: nothing to import.</source>
        <translation>所有行都已在台账中，没有需要导入的内容。</translation>
    </message>
</context>
<context>
    <name>MainMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <source>New record on the current page</source>
        <translation>在当前页面新建记录</translation>
    </message>
    <message>
        <source>&amp;Export for submission…</source>
        <translation>导出报送材料(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>S&amp;witch account / sign out…</source>
        <translation>切换账号/退出登录(&amp;W)…</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Find: the filter of the current page</source>
        <translation>查找（当前页面的筛选框）</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键一览(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About StudioDesk</source>
        <translation>关于工作室台账(&amp;A)</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员管理</translation>
    </message>
    <message>
        <source>Activities &amp; attendance</source>
        <translation>活动与考勤</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费</translation>
    </message>
    <message>
        <source>Plans &amp; tasks</source>
        <translation>计划与任务</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出报送</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>StudioDesk</source>
        <translation>工作室台账</translation>
    </message>
    <message>
        <source>database owner</source>
        <translation>数据库所有者</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
</context>
<context>
    <name>MemberDetail</name>
    <message>
        <source>Personal details</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>成员身份</translation>
    </message>
    <message>
        <source>Growth record</source>
        <translation>成长记录</translation>
    </message>
    <message>
        <source>Development plan</source>
        <translation>发展规划</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1“%2”</translation>
    </message>
</context>
<context>
    <name>MemberDetailPage</name>
    <message>
        <source>No member selected</source>
        <translation>未选择成员</translation>
    </message>
    <message>
        <source>← Back to roster</source>
        <translation>← 返回名册</translation>
    </message>
    <message>
        <source>Growth records</source>
        <translation>成长记录</translation>
    </message>
    <message>
        <source>Development plan</source>
        <translation>发展规划</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Training hours</source>
        <translation>培训学时</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改历史</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>End membership…</source>
        <translation>办理退出…</translation>
    </message>
    <message>
        <source>End membership — absent more than one third…</source>
        <translation>办理退出 — 缺勤超三分之一…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Add record…</source>
        <translation>添加记录…</translation>
    </message>
    <message>
        <source>Edit record…</source>
        <translation>编辑记录…</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>School years</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>Before each school year the member writes down what they aim for; the yearly summary looks back at these goals.</source>
        <translation>每学年开始前，成员写下本学年的发展目标；年度总结时对照这些目标进行回顾。</translation>
    </message>
    <message>
        <source>For example: give one moral-education open lesson; write one paper …</source>
        <translation>例如：上一节德育公开课；撰写一篇论文 …</translation>
    </message>
    <message>
        <source>Save goals</source>
        <translation>保存目标</translation>
    </message>
    <message>
        <source>Changes of attendance state, newest first (recorded when attendance, membership or settings change):</source>
        <translation>考勤状态变化（最新在前；在考勤、成员身份或设置变更时记录）：</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Missed / expected</source>
        <translation>缺勤/应到</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No change of attendance state recorded yet.</source>
        <translation>尚无考勤状态变化记录。</translation>
    </message>
    <message>
        <source>School: %1</source>
        <translation>学校：%1</translation>
    </message>
    <message>
        <source>Title: %1</source>
        <translation>职称：%1</translation>
    </message>
    <message>
        <source>Honours: %1</source>
        <translation>称号：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) as head teacher (since %1)</source>
        <translation>
            <numerusform>班主任工作 %n 年（%1 年起）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) of teaching (since %1)</source>
        <translation>
            <numerusform>任教 %n 年（%1 年起）</numerusform>
        </translation>
    </message>
    <message>
        <source>Serving head teacher</source>
        <translation>在岗班主任</translation>
    </message>
    <message>
        <source>No longer a head teacher</source>
        <translation>已不在班主任岗位</translation>
    </message>
    <message>
        <source>Training tier: %1</source>
        <translation>培养梯队：%1</translation>
    </message>
    <message>
        <source>Joined %1</source>
        <translation>%1 加入</translation>
    </message>
    <message>
        <source>Left %1</source>
        <translation>%1 退出</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Age and years counted on %1 (chosen or joined)</source>
        <translation>年龄与年限按 %1（遴选或加入之日）计</translation>
    </message>
    <message>
        <source>Replaces %1</source>
        <translation>接替%1</translation>
    </message>
    <message>
        <source>Replaced by %1</source>
        <translation>由%1接替</translation>
    </message>
    <message>
        <source>%1 of %2 records</source>
        <translation>显示 %1 / %2 条记录</translation>
    </message>
    <message>
        <source>%1 training hours</source>
        <translation>培训 %1 学时</translation>
    </message>
    <message>
        <source>Select a record to see its detail and evidence files.</source>
        <translation>选择一条记录以查看详情和佐证材料。</translation>
    </message>
    <message>
        <source>No growth records yet. Add the first one with “Add record…”.</source>
        <translation>还没有成长记录。请点击“添加记录…”添加第一条。</translation>
    </message>
    <message>
        <source>(no detail)</source>
        <translation>（无详情）</translation>
    </message>
    <message>
        <source>No evidence files; add them with “Attach files…”.</source>
        <translation>暂无佐证材料，请点“添加附件…”</translation>
    </message>
    <message>
        <source>%1 school year</source>
        <translation>%1 学年</translation>
    </message>
    <message>
        <source> (this year)</source>
        <translation>（本学年）</translation>
    </message>
    <message>
        <source>Goals for the %1 school year</source>
        <translation>%1 学年发展目标</translation>
    </message>
    <message>
        <source>Ending the membership stays the host&apos;s decision.</source>
        <translation>是否办理退出仍由主持人决定。</translation>
    </message>
    <message>
        <source>Selection steps: %1</source>
        <translation>遴选环节：%1</translation>
    </message>
    <message>
        <source>Selection steps: none recorded</source>
        <translation>遴选环节：未记录</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>No program on this computer opens %1</source>
        <translation>本机没有可以打开 %1 的程序</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>The year of the first school year (from September); years are counted in whole school years up to the day the member was chosen</source>
        <translation>填起始学年的年份（自当年 9 月起）；年限按到遴选之日已满的整学年计</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Edit member: %1</source>
        <translation>编辑成员：%1</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Replaces %1, who left on %2</source>
        <translation>接替%1（%2 退出）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>遴选阶段</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>School</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Rural school</source>
        <translation>农村学校</translation>
    </message>
    <message>
        <source>Teaching title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Honours</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Head teacher since (year)</source>
        <translation>担任班主任起始年份</translation>
    </message>
    <message>
        <source>Teaching since (year)</source>
        <translation>任教起始年份</translation>
    </message>
    <message>
        <source>Still a head teacher</source>
        <translation>仍在班主任岗位</translation>
    </message>
    <message>
        <source>Training tier</source>
        <translation>培养梯队</translation>
    </message>
    <message>
        <source>Agreement signed on</source>
        <translation>协议签订日期</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>联系电话（选填）</translation>
    </message>
    <message>
        <source>ID number (optional)</source>
        <translation>身份证号（选填）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Add member…</source>
        <translation>添加成员…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Growth file…</source>
        <translation>成长档案…</translation>
    </message>
    <message>
        <source>End membership…</source>
        <translation>办理退出…</translation>
    </message>
    <message>
        <source>Add replacement…</source>
        <translation>增补成员…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Blank template…</source>
        <translation>空白模板…</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>按姓名筛选</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <source>Current members</source>
        <translation>在册成员</translation>
    </message>
    <message>
        <source>Everyone, including those who left</source>
        <translation>全部（含已退出）</translation>
    </message>
    <message>
        <source>At risk or over the attendance line</source>
        <translation>考勤临界或超线</translation>
    </message>
    <message>
        <source>All schools</source>
        <translation>全部学校</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>显示 %1 / %2 人</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>导入名册</translation>
    </message>
    <message>
        <source>Export roster</source>
        <translation>导出名册</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Written: %1. It holds full phone and ID numbers: hand it only to whom the rules allow.</source>
        <translation>已保存：%1。名册含完整的电话和身份证号，请只交给规定允许的人。</translation>
    </message>
    <message>
        <source>Save blank roster template</source>
        <translation>保存空白名册模板</translation>
    </message>
    <message>
        <source>Blank template</source>
        <translation>空白模板</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新建考核</translation>
    </message>
    <message>
        <source> (this year)</source>
        <translation>（本学年）</translation>
    </message>
    <message>
        <source>(choose a member)</source>
        <translation>（请选择成员）</translation>
    </message>
    <message>
        <source>Optional; left empty: school year, member and kind</source>
        <translation>选填；留空则按学年、成员和类型自动命名</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>考核模板</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NotYetPage</name>
    <message>
        <source>This page is not available yet. It will hold: %1</source>
        <translation>此页面暂未开放，将包含：%1</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Open the roster</source>
        <translation>打开名册</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费</translation>
    </message>
    <message>
        <source>This studio&apos;s policy preset sets no yearly duties.</source>
        <translation>本工作室的政策预设未规定年度职责。</translation>
    </message>
    <message>
        <source>None yet: no confirmed member has duties in this school year.</source>
        <translation>暂无：本学年没有需完成年度职责的在册成员。</translation>
    </message>
    <message>
        <source>of %1 duties done</source>
        <translation>项已完成，共 %1 项</translation>
    </message>
    <message>
        <source>%1 still missing</source>
        <translation>尚缺 %1 项</translation>
    </message>
    <message>
        <source>All done.</source>
        <translation>已全部完成。</translation>
    </message>
    <message>
        <source>Done when the growth file has the record.</source>
        <translation>成长档案中有相应记录即算完成。</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>已支出</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结余</translation>
    </message>
    <message>
        <source>Open the ledger</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <source>Over budget: %1</source>
        <translation>超预算：%1</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 超出 %2</translation>
    </message>
    <message>
        <source>No category is over its budget.</source>
        <translation>没有类别超预算。</translation>
    </message>
    <message>
        <source>No budgets set for this year.</source>
        <translation>本年度尚未设置预算。</translation>
    </message>
    <message>
        <source>No member is at risk.</source>
        <translation>没有考勤临界的成员。</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Open activities</source>
        <translation>打开活动</translation>
    </message>
    <message>
        <source>Open attendance</source>
        <translation>打开考勤</translation>
    </message>
    <message>
        <source>Yearly duties</source>
        <translation>年度职责</translation>
    </message>
    <message>
        <source>Open duties</source>
        <translation>打开年度职责</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务台账</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>打开任务台账</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Open assessments</source>
        <translation>打开考核</translation>
    </message>
    <message>
        <source>%1 school year</source>
        <translation>%1 学年</translation>
    </message>
    <message>
        <source>held of %1 planned</source>
        <translation>次已开展，共计划 %1 次</translation>
    </message>
    <message>
        <source>None yet: no activity in this school year.</source>
        <translation>暂无：本学年还没有活动。</translation>
    </message>
    <message numerus="yes">
        <source>%n still to come.</source>
        <translation>
            <numerusform>还有 %n 次待开展。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing more is scheduled yet.</source>
        <translation>暂无后续安排。</translation>
    </message>
    <message>
        <source>None yet: no attendance taken in this school year.</source>
        <translation>暂无：本学年还没有考勤记录。</translation>
    </message>
    <message>
        <source>Attendance rate %1</source>
        <translation>出勤率 %1</translation>
    </message>
    <message>
        <source>%1 attended of %2 expected at held sessions</source>
        <translation>已开展的活动应到 %2 人次，实到 %1 人次</translation>
    </message>
    <message>
        <source>No member is at risk. No attendance has been taken yet.</source>
        <translation>没有考勤临界的成员。目前尚未进行考勤。</translation>
    </message>
    <message>
        <source>Not judged yet (fewer than %1 sessions): %2.</source>
        <translation>未满 %1 次、暂不判定：%2 人。</translation>
    </message>
    <message>
        <source>Over the line: %1 · At risk: %2</source>
        <translation>超线：%1 人 · 临界：%2 人</translation>
    </message>
    <message>
        <source>Open this member&apos;s file</source>
        <translation>打开该成员的档案</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>spent of %1 granted (%2)</source>
        <translation>已支出，占拨款 %1 的 %2</translation>
    </message>
    <message>
        <source>spent of %1 received (%2)</source>
        <translation>已支出，占到账经费 %1 的 %2</translation>
    </message>
    <message>
        <source>spent in this school year</source>
        <translation>本学年已支出</translation>
    </message>
    <message>
        <source>Spent %1 of %2</source>
        <translation>已支出 %1，共 %2</translation>
    </message>
    <message>
        <source>None yet: no money received or spent in this school year.</source>
        <translation>暂无：本学年还没有经费收支。</translation>
    </message>
    <message>
        <source>Received in this school year: %1</source>
        <translation>本学年到账：%1</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>The ledger&apos;s year %1, with its budgets:</source>
        <translation>会计年度 %1（含预算）：</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>None yet: no annual plan for this school year.</source>
        <translation>暂无：本学年还没有年度计划。</translation>
    </message>
    <message>
        <source>None yet: the annual plan has no tasks.</source>
        <translation>暂无：年度计划中还没有事项。</translation>
    </message>
    <message>
        <source>of %1 done, %2 open</source>
        <translation>项已完成，共 %1 项，未完成 %2 项</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>已完成 %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>逾期 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing overdue.</source>
        <translation>没有逾期事项。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Every task is done.</source>
        <translation>所有事项均已完成。</translation>
    </message>
    <message>
        <source>No open task has a due date.</source>
        <translation>未完成的事项都没有截止日期。</translation>
    </message>
    <message>
        <source>Mid-term assessment</source>
        <translation>中期考核</translation>
    </message>
    <message>
        <source>Final assessment</source>
        <translation>终期考核</translation>
    </message>
    <message>
        <source>Annual assessment</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <source>Member assessment</source>
        <translation>成员年度考核</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>None yet: no assessment has been started.</source>
        <translation>暂无：还没有开始任何考核。</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>of %1 points</source>
        <translation>分，满分 %1 分</translation>
    </message>
    <message>
        <source>%1 of %2 points</source>
        <translation>%1 分，满分 %2 分</translation>
    </message>
    <message numerus="yes">
        <source>%n assessment(s) in all.</source>
        <translation>
            <numerusform>共 %n 项考核。</numerusform>
        </translation>
    </message>
    <message>
        <source>Build cycle</source>
        <translation>建设周期</translation>
    </message>
    <message>
        <source>%1 (%2 school years)</source>
        <translation>%1（%2 个学年）</translation>
    </message>
    <message>
        <source>Policy preset</source>
        <translation>政策预设</translation>
    </message>
    <message>
        <source>%1 current, %2 left</source>
        <translation>在册 %1 人，已退出 %2 人</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
    <message>
        <source>What the studio means to achieve</source>
        <translation>工作室要达成的目标</translation>
    </message>
    <message>
        <source>What sets this studio apart: its themes and ways of working</source>
        <translation>工作室的特色：研究主题与工作方式</translation>
    </message>
    <message>
        <source>How: the main measures and arrangements</source>
        <translation>如何实现：主要措施与安排</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特色</translation>
    </message>
</context>
<context>
    <name>PlansModel</name>
    <message>
        <source>Not yet (encouraged)</source>
        <translation>未开展（鼓励）</translation>
    </message>
    <message>
        <source>Presented on %1: %2 “%3”</source>
        <translation>%1 主讲%2“%3”</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未开展</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺项</translation>
    </message>
    <message>
        <source>Not a duty of this role</source>
        <translation>该角色无此项任务</translation>
    </message>
    <message>
        <source>Not done yet this school year. The document encourages it (“%1”); it does not require it.</source>
        <translation>本学年尚未开展。文件的用语是鼓励（“%1”），不是硬性要求。</translation>
    </message>
    <message>
        <source>No record of this kind in the year and no talk presented</source>
        <translation>本学年没有这类成长记录，也没有主讲相应活动</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Yearly duties</source>
        <translation>年度职责</translation>
    </message>
    <message>
        <source>School year:</source>
        <translation>学年：</translation>
    </message>
    <message>
        <source>Build plan</source>
        <translation>建设规划</translation>
    </message>
    <message>
        <source>Annual plan and task ledger</source>
        <translation>年度计划与任务台账</translation>
    </message>
    <message>
        <source>Annual summary</source>
        <translation>年度总结</translation>
    </message>
    <message>
        <source>Each confirmed member against the yearly duties of their role under the policy preset; a duty is done when a growth record of its kind is dated in the school year, or when the member presented such an activity (an open lesson, a lecture, an exchange) — the presenter&apos;s name as on the roster.</source>
        <translation>按政策预设，列出每位在册成员所任角色应完成的年度职责；本学年内有对应类别的成长记录，或本人主讲了相应的活动（公开课、讲座、经验交流，主讲人填写与名册相同的姓名），即算完成。</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>This studio&apos;s policy preset sets no yearly duties.</source>
        <translation>本工作室的政策预设未规定年度职责。</translation>
    </message>
    <message>
        <source> (this year)</source>
        <translation>（本学年）</translation>
    </message>
    <message>
        <source>The annual plan or summary of %1 has changes that are not saved. Show %2 and drop them?</source>
        <translation>%1 学年的年度计划或总结有未保存的修改。切换到 %2 学年并放弃这些修改？</translation>
    </message>
    <message>
        <source>Plans &amp; tasks</source>
        <translation>计划与任务</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>依据：%1</translation>
    </message>
    <message>
        <source>the document encourages these duties (“%1”), it does not require them: one not done is shown as not yet done, not as missing.</source>
        <translation>文件对这些任务的用语是鼓励（“%1”），不是硬性要求：未做的项目显示为“未开展”，不算缺项。</translation>
    </message>
    <message>
        <source>%1 members; %2 duties done, %3 not yet done (encouraged).</source>
        <translation>成员 %1 人；已完成 %2 项，未开展（鼓励）%3 项。</translation>
    </message>
    <message>
        <source>%1 members; %2 duties done, %3 missing.</source>
        <translation>%1 名成员；已完成 %2 项，缺 %3 项。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Could not write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>Yearly duties exported: %1</source>
        <translation>年度职责已导出：%1</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Photos, scans and documents</source>
        <translation>照片、扫描件和文档</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Choose evidence files</source>
        <translation>选择佐证材料</translation>
    </message>
    <message>
        <source>e.g. the lesson&apos;s topic or the paper&apos;s title</source>
        <translation>例如：公开课课题或论文题目</translation>
    </message>
    <message>
        <source>Where, with whom, journal or prize, role in the project …</source>
        <translation>地点、参与人员、刊物或奖项、在课题中的角色 …</translation>
    </message>
    <message>
        <source>Training hours</source>
        <translation>培训学时</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Evidence files (copied into the studio&apos;s store)</source>
        <translation>佐证材料（将复制到工作室的资料库）</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Edit growth record</source>
        <translation>编辑成长记录</translation>
    </message>
    <message>
        <source>Add growth record: %1</source>
        <translation>添加成长记录：%1</translation>
    </message>
    <message>
        <source>Add growth record</source>
        <translation>添加成长记录</translation>
    </message>
    <message>
        <source>Training hours (required)</source>
        <translation>培训学时（必填）</translation>
    </message>
    <message>
        <source>Could not copy a file: %1</source>
        <translation>无法复制文件：%1</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>佐证材料</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>Reverse an entry</source>
        <translation>冲销记录</translation>
    </message>
    <message>
        <source>Reverse %1 of %2: %3 (%4).</source>
        <translation>冲销 %2 的%1：%3（%4）。</translation>
    </message>
    <message>
        <source>The entry stays in the ledger; a reversal entry of the same amount cancels it and both appear in every report.</source>
        <translation>原记录保留在台账中；一笔等额的冲销记录将其抵消，两者都会出现在所有报告中。</translation>
    </message>
    <message>
        <source>e.g. the training was cancelled, money refunded</source>
        <translation>例如：培训取消，款项已退回</translation>
    </message>
    <message>
        <source>Overspending reason</source>
        <translation>超支原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Date of the reversal</source>
        <translation>冲销日期</translation>
    </message>
    <message>
        <source>Next: check the reversal</source>
        <translation>下一步：核对</translation>
    </message>
    <message>
        <source>Save the reversal</source>
        <translation>确认冲销</translation>
    </message>
    <message>
        <source>Once saved, the reversal cannot be changed or undone; if the entry was right after all, record it again as a new entry.</source>
        <translation>冲销一经记账不能修改或撤销；如原记录其实无误，请重新登记一笔。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>%n warning(s)</source>
        <translation>%n 条提示</translation>
    </message>
    <message>
        <source>%1 school year: %2 hours from studio activities attended, %3 hours from own training records; %4 hours in all</source>
        <translation>%1学年：工作室活动 %2 学时，个人培训 %3 学时，合计 %4 学时</translation>
    </message>
    <message>
        <source>%n activity(ies) attended had no training hours set and count 0.</source>
        <translation>其中 %n 次活动未定学时，计 0 学时。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Hours this year</source>
        <translation>本学年学时</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Rural</source>
        <translation>农村学校</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Head teacher since</source>
        <translation>任班主任起始年</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Training hours of the %1 school year: studio activities attended (present, late or left early) and the member&apos;s own training records</source>
        <translation>%1学年的学时：参加的工作室活动（出勤、迟到、早退）与本人培训记录的学时合计</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>Your studio&apos;s own rules</source>
        <translation>本工作室规定</translation>
    </message>
    <message>
        <source>%1 does not set these rules. If your studio has its own, keep or change them here; they are shown as this studio&apos;s own rules (本工作室规定), never as the document&apos;s. You can change them later in Settings.</source>
        <translation>%1未规定以下事项。本工作室如有自己的规定，请在这里确认或修改；它们将标明为“本工作室规定”，不会当作文件的规定。以后可在“设置”中修改。</translation>
    </message>
</context>
<context>
    <name>ScoreEdit</name>
    <message>
        <source>0 to %1</source>
        <translation>0 至 %1 分</translation>
    </message>
    <message>
        <source>Self-score, 0 to %1 points; ↑/↓ change it by 0.5</source>
        <translation>自评分，0 至 %1 分；按 ↑/↓ 每次增减 0.5 分</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Switch database</source>
        <translation>切换数据库</translation>
    </message>
    <message>
        <source>This computer&apos;s file (one PC)</source>
        <translation>本机的数据库文件（单机）</translation>
    </message>
    <message>
        <source>A database on the school server</source>
        <translation>学校服务器上的数据库</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <source>e.g. 192.168.1.20 or server.school.local</source>
        <translation>例如：192.168.1.20，或学校服务器的名称</translation>
    </message>
    <message>
        <source>as the school&apos;s IT person named it</source>
        <translation>按学校信息技术老师给的名称填写</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database name</source>
        <translation>数据库名称</translation>
    </message>
    <message>
        <source>Server address: please fill it in.</source>
        <translation>服务器地址：请填写。</translation>
    </message>
    <message>
        <source>Database name: please fill it in.</source>
        <translation>数据库名称：请填写。</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>A new studio on the school server</source>
        <translation>在学校服务器上新建工作室</translation>
    </message>
    <message>
        <source>Type the server&apos;s address and the database&apos;s name the school&apos;s IT person gave you, then sign in with the host&apos;s account (主持人). The studio&apos;s details follow.</source>
        <translation>请填写学校信息技术老师提供的服务器地址和数据库名称，然后用主持人账号登录。接下来填写工作室信息。</translation>
    </message>
    <message>
        <source>Connect to the school server</source>
        <translation>连接学校服务器</translation>
    </message>
    <message>
        <source>Type the server&apos;s address and the database&apos;s name the school&apos;s IT person gave you, then sign in with your account.</source>
        <translation>请填写学校信息技术老师提供的服务器地址和数据库名称，然后用您的账号登录。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Please type your login and your password.</source>
        <translation>请输入登录名和密码。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>e.g. 李老师</source>
        <translation>例如：李老师</translation>
    </message>
    <message>
        <source>My name</source>
        <translation>我的姓名</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Switch database…</source>
        <translation>切换数据库…</translation>
    </message>
    <message>
        <source>This database</source>
        <translation>当前数据库</translation>
    </message>
    <message>
        <source>Change data folder…</source>
        <translation>更改数据文件夹…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>No Chinese font found: Chinese may show as boxes.</source>
        <translation>未找到中文字体：中文可能显示为方框。</translation>
    </message>
    <message>
        <source>Chinese font</source>
        <translation>中文字体</translation>
    </message>
    <message>
        <source>Not made yet: the studio&apos;s signing key is made at the host&apos;s first export.</source>
        <translation>尚未生成：本工作室的签名密钥将在主持人第一次导出时生成。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Signature fingerprint</source>
        <translation>数字签名指纹</translation>
    </message>
    <message>
        <source>Submission bundles carry this computer&apos;s digital signature. Give this fingerprint to the education bureau once (Copy, then paste it into a message), so that it can tell your bundles are yours.</source>
        <translation>报送材料包带有本机的数字签名。请把这个指纹交给教育局登记一次（点“复制”，再粘贴到消息或文档中），教育局据此确认材料包确由本工作室报送。</translation>
    </message>
    <message>
        <source>Digital signature</source>
        <translation>数字签名</translation>
    </message>
    <message>
        <source>This studio</source>
        <translation>本工作室</translation>
    </message>
    <message>
        <source>Mask phone and ID numbers in exported files (138****5678)</source>
        <translation>导出文件中隐藏电话和身份证号（138****5678）</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>in the studio&apos;s database</source>
        <translation>保存在本工作室的数据库中</translation>
    </message>
    <message>
        <source>Override value…</source>
        <translation>调整取值…</translation>
    </message>
    <message>
        <source>Back to the preset&apos;s value</source>
        <translation>恢复预设值</translation>
    </message>
    <message>
        <source>Attendance (this studio)</source>
        <translation>考勤（本工作室）</translation>
    </message>
    <message>
        <source>Change this studio&apos;s line…</source>
        <translation>修改本工作室的红线…</translation>
    </message>
    <message>
        <source>Leave (请假) counts as absence</source>
        <translation>请假计为缺勤</translation>
    </message>
    <message>
        <source>Exactly one third already crosses the line</source>
        <translation>恰好三分之一即算超线</translation>
    </message>
    <message>
        <source>Whole build cycle to date</source>
        <translation>建设周期开始至今</translation>
    </message>
    <message>
        <source>This school year</source>
        <translation>本学年</translation>
    </message>
    <message>
        <source>Judged from session:</source>
        <translation>应到满几次起判定：</translation>
    </message>
    <message>
        <source>Sessions counted:</source>
        <translation>统计范围：</translation>
    </message>
    <message>
        <source>Only sessions from the start of the build cycle, or from 1 September of this school year, up to today count. Sessions before a member joined or after they left never count.</source>
        <translation>只统计从建设周期开始（或本学年 9 月 1 日）到今天的活动。成员加入之前和退出之后的活动一律不计。</translation>
    </message>
    <message>
        <source>Funds (this studio)</source>
        <translation>经费（本工作室）</translation>
    </message>
    <message>
        <source>Calendar year (1 January to 31 December)</source>
        <translation>自然年（1月1日至12月31日）</translation>
    </message>
    <message>
        <source>School year (1 September to 31 August)</source>
        <translation>学年（9月1日至次年8月31日）</translation>
    </message>
    <message>
        <source>Ledger year:</source>
        <translation>会计年度：</translation>
    </message>
    <message>
        <source>The year the ledger balances, budgets, closes and reports: the calendar year, as school finance offices keep their books and as the grant is usually paid, or the school year, to match the studio&apos;s plans and summaries. Changing it regroups the entries (which stay as they are); budgets are kept under the year they were set for.</source>
        <translation>台账结余、预算、结账和报告所依据的年度：可选自然年（与学校财务记账及拨款通常一致），或学年（与工作室的计划和总结一致）。更改后记录将按新年度重新归组（记录本身不变）；预算仍保留在其设定的年度下。</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>经费</translation>
    </message>
    <message>
        <source>Where this comes from: %1</source>
        <translation>取值来源：%1</translation>
    </message>
    <message>
        <source>Set a line…</source>
        <translation>设定红线…</translation>
    </message>
    <message>
        <source>Absence line: %1 of the sessions a member was expected at (source: %2).</source>
        <translation>缺勤红线：成员应到活动次数的 %1（依据：%2）。</translation>
    </message>
    <message>
        <source>Overridden; the preset says %1.</source>
        <translation>已调整（预设值：%1）。</translation>
    </message>
    <message>
        <source>Your policy document sets no line: this is your studio&apos;s own rule.</source>
        <translation>所依据的文件未规定缺勤红线，这是本工作室规定。</translation>
    </message>
    <message>
        <source>The line itself is a rule of the preset below.</source>
        <translation>红线本身是下方政策预设中的一条规则。</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Records you enter are signed with your account: %1.</source>
        <translation>您登记的记录将署上您的账号：%1。</translation>
    </message>
    <message>
        <source>Records you enter are signed with this name (登记人, history).</source>
        <translation>您登记的记录（登记人、修改记录）署这个姓名。</translation>
    </message>
    <message>
        <source>Not filled in: records you enter are signed with this computer&apos;s account name “%1”.</source>
        <translation>尚未填写：您登记的记录将署上本机的电脑账户名“%1”。</translation>
    </message>
    <message>
        <source>Policy preset: %1</source>
        <translation>政策预设：%1</translation>
    </message>
    <message>
        <source>This computer&apos;s file: %1</source>
        <translation>本机文件：%1</translation>
    </message>
    <message>
        <source>this computer&apos;s file</source>
        <translation>本机的数据库文件</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>From the next start StudioDesk works on %1.</source>
        <translation>下次启动起，StudioDesk 将使用%1。</translation>
    </message>
    <message>
        <source>The policy document sets no such rule: this studio&apos;s own (%1).</source>
        <translation>文件未作规定，由本工作室规定（%1）。</translation>
    </message>
    <message>
        <source>Change this studio&apos;s rule…</source>
        <translation>修改本工作室规定…</translation>
    </message>
    <message>
        <source>Overridden; the preset says %1. Reason: %2</source>
        <translation>已调整（预设值：%1）。原因：%2</translation>
    </message>
    <message>
        <source>Takes effect when StudioDesk starts again.</source>
        <translation>重新启动工作室台账后生效。</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>From the next start StudioDesk opens its database in %1. The current database stays where it is; copy it there first to keep working with it.</source>
        <translation>下次启动时，工作室台账将打开 %1 中的数据库。当前数据库保留在原位置；如需继续使用，请先将其复制过去。</translation>
    </message>
    <message>
        <source>Override value</source>
        <translation>调整取值</translation>
    </message>
    <message>
        <source>New value for %1:</source>
        <translation>%1 的新取值：</translation>
    </message>
    <message>
        <source>Reason (shown with the rule):</source>
        <translation>调整原因（随规则显示）：</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>StudioDesk — first start</source>
        <translation>工作室台账 — 首次启动</translation>
    </message>
    <message>
        <source>Set up my studio &gt;</source>
        <translation>创建我的工作室 &gt;</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Create studio</source>
        <translation>创建工作室</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This database holds no studio yet. Go back and choose “New studio on the school server” (the studio&apos;s host does this once).</source>
        <translation>这个数据库里还没有工作室。请返回并选择“在学校服务器上新建”（由工作室主持人操作一次）。</translation>
    </message>
    <message>
        <source>This database already holds a studio (%1). Go back and choose “Connect to the school server”.</source>
        <translation>这个数据库里已经有工作室（%1）。请返回并选择“连接学校服务器”。</translation>
    </message>
    <message>
        <source>Only the host&apos;s account (主持人) sets up the studio: %1</source>
        <translation>只有主持人账号才能建立工作室：%1</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>%1, database %2 (school server)</source>
        <translation>%1，数据库 %2（学校服务器）</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — StudioDesk</source>
        <translation>登录 — StudioDesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Please type your login and your password.</source>
        <translation>请输入登录名和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>StudioPage</name>
    <message>
        <source>Your studio</source>
        <translation>您的工作室</translation>
    </message>
    <message>
        <source>You can change the preset&apos;s values later in Settings.</source>
        <translation>预设中的取值以后可在“设置”中调整。</translation>
    </message>
    <message>
        <source>e.g. 王芳名班主任工作室</source>
        <translation>例如：王芳名班主任工作室</translation>
    </message>
    <message>
        <source>Studio name</source>
        <translation>工作室名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Host school</source>
        <translation>所在学校</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所属区县</translation>
    </message>
    <message>
        <source>Build cycle (school years)</source>
        <translation>建设周期（学年）</translation>
    </message>
    <message>
        <source>Policy preset</source>
        <translation>政策预设</translation>
    </message>
    <message>
        <source>not set by the document; your studio decides in the next step</source>
        <translation>文件未作规定，下一步由本工作室确定</translation>
    </message>
</context>
<context>
    <name>StudioRuleDialog</name>
    <message>
        <source>This studio&apos;s rule: %1</source>
        <translation>本工作室规定：%1</translation>
    </message>
</context>
<context>
    <name>StudioRules</name>
    <message>
        <source>This studio has an absence line</source>
        <translation>本工作室设缺勤红线</translation>
    </message>
    <message>
        <source>This studio has spending categories</source>
        <translation>本工作室规定经费开支类别</translation>
    </message>
    <message>
        <source>Your policy document sets no absence line. Many studios take one third: a member who misses that share of the sessions they were expected at is over the line. Keep it, change it (e.g. 1/4), or untick: then nobody is marked at risk or over the line.</source>
        <translation>所依据的文件没有规定缺勤红线。常见做法是三分之一：成员缺勤达到应到次数的这一比例即为超线。可以沿用、修改（如 1/4），或取消勾选：不设红线，不判定临界、超线。</translation>
    </message>
    <message>
        <source>Your policy document lists no spending categories. The usual ones are suggested; keep them, change them (separated by 、), or untick and add your own on the Funds page.</source>
        <translation>所依据的文件没有列出经费开支类别。这里给出常用的类别，可以沿用、修改（用顿号分隔），或取消勾选，以后在“经费”页自行添加。</translation>
    </message>
    <message>
        <source>%1: write a fraction between 0 and 1, e.g. 1/3.</source>
        <translation>%1：请填写 0 与 1 之间的分数，如 1/3。</translation>
    </message>
    <message>
        <source>%1: write the category names, different ones, separated by 、.</source>
        <translation>%1：请填写不重复的类别名称，用顿号分隔。</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>Save summary</source>
        <translation>保存总结</translation>
    </message>
    <message>
        <source>Refill from the records…</source>
        <translation>根据记录重新生成…</translation>
    </message>
    <message>
        <source>Replaces the text with a new draft made from the year&apos;s records.</source>
        <translation>用根据本学年记录生成的新草稿替换现有内容。</translation>
    </message>
    <message>
        <source>The saved summary of %1, last saved %2.</source>
        <translation>%1 学年已保存的总结，最后保存于 %2。</translation>
    </message>
    <message>
        <source>A draft pre-filled from the records of %1, not saved yet: write in it, then save.</source>
        <translation>根据 %1 学年记录预填的草稿，尚未保存：请修改完善后保存。</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>有未保存的修改。</translation>
    </message>
    <message>
        <source>Summary of %1 saved.</source>
        <translation>%1 学年总结已保存。</translation>
    </message>
    <message>
        <source>Annual summary</source>
        <translation>年度总结</translation>
    </message>
    <message>
        <source>Replace the whole text with a new draft from the records of %1? What is written in it now is lost.</source>
        <translation>用根据 %1 学年记录生成的新草稿替换全部内容？现有内容将丢失。</translation>
    </message>
    <message>
        <source>Refilled from the records; not saved yet.</source>
        <translation>已根据记录重新生成，尚未保存。</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>e.g. Hold a themed class-meeting design seminar</source>
        <translation>例如：举办主题班会设计研讨活动</translation>
    </message>
    <message>
        <source>(nobody in particular)</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <source>e.g. 2026-06-30; empty: no date</source>
        <translation>例如：2026-06-30；留空表示无截止日期</translation>
    </message>
    <message>
        <source>Write a date such as 2026-06-30 or 2026/6/30; leave it empty for no date.</source>
        <translation>请填写日期，如 2026-06-30 或 2026/6/30；留空表示无截止日期。</translation>
    </message>
    <message>
        <source>What it involves, who else takes part …</source>
        <translation>具体内容、其他参与人员 …</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>An item is ticked off (done) with its evidence: use “Tick off…” on the page.</source>
        <translation>事项完成时须附佐证材料销账：请在页面上点“销账…”。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>编辑事项</translation>
    </message>
    <message>
        <source>New item of the %1 plan</source>
        <translation>新建事项（%1 学年年度计划）</translation>
    </message>
</context>
<context>
    <name>TaskLabels</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Growth record</source>
        <translation>成长记录</translation>
    </message>
    <message>
        <source>Ledger entry</source>
        <translation>经费账目</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>TaskModel</name>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Overdue: due on %1 and not done</source>
        <translation>已逾期：截止日期为 %1，尚未完成</translation>
    </message>
</context>
<context>
    <name>TasksTab</name>
    <message>
        <source>Write the annual plan</source>
        <translation>制定年度计划</translation>
    </message>
    <message>
        <source>Annual plan</source>
        <translation>年度计划</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <source>Task ledger</source>
        <translation>任务台账</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>添加事项…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Tick off…</source>
        <translation>销账…</translation>
    </message>
    <message>
        <source>Mark the item done, with the records or files that show it.</source>
        <translation>将事项标记为已完成，并附上能证明完成情况的记录或文件。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No items yet: add the plan&apos;s items with “Add item…”.</source>
        <translation>还没有事项：请点“添加事项…”添加计划中的各项事项。</translation>
    </message>
    <message>
        <source>Evidence of the selected item</source>
        <translation>选中事项的佐证材料</translation>
    </message>
    <message>
        <source>Add evidence…</source>
        <translation>添加佐证材料…</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Takes the link off the item; the record or file itself stays.</source>
        <translation>取消该材料与事项的关联；记录或文件本身仍保留。</translation>
    </message>
    <message>
        <source>There is no annual plan for %1 yet. Write it first: the task ledger lists the plan&apos;s items, and each is ticked off with its evidence.</source>
        <translation>%1 学年还没有年度计划。请先制定年度计划：任务台账列出计划中的各项事项，每项完成时附佐证材料销账。</translation>
    </message>
    <message>
        <source>Done %1 of %2, open %3</source>
        <translation>共 %2 项，已完成 %1 项，未完成 %3 项</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>逾期 %1 项</translation>
    </message>
    <message>
        <source>A ticked-off item stays as the record of work done; set it back to in progress (Edit…) to delete it.</source>
        <translation>已销账的事项作为工作记录保留；如需删除，请先通过“编辑…”将其改回“进行中”。</translation>
    </message>
    <message>
        <source>The annual plan of %1 is written: add its items.</source>
        <translation>%1 学年年度计划已创建：请添加事项。</translation>
    </message>
    <message>
        <source>Plan saved.</source>
        <translation>计划已保存。</translation>
    </message>
    <message>
        <source>Item added.</source>
        <translation>事项已添加。</translation>
    </message>
    <message>
        <source>Item saved.</source>
        <translation>事项已保存。</translation>
    </message>
    <message>
        <source>“%1” is ticked off.</source>
        <translation>“%1”已销账。</translation>
    </message>
    <message>
        <source>Evidence added to “%1”.</source>
        <translation>已为“%1”添加佐证材料。</translation>
    </message>
    <message>
        <source>Take “%1” off the evidence of “%2”? The record or file itself stays.</source>
        <translation>将“%1”从“%2”的佐证材料中移除？记录或文件本身仍保留。</translation>
    </message>
    <message>
        <source>Link removed.</source>
        <translation>已取消关联。</translation>
    </message>
    <message>
        <source>Delete the item “%1” from the plan?</source>
        <translation>从计划中删除事项“%1”？</translation>
    </message>
    <message>
        <source>Item deleted.</source>
        <translation>事项已删除。</translation>
    </message>
</context>
<context>
    <name>TechnicalInfo</name>
    <message>
        <source>Technical information</source>
        <translation>技术信息</translation>
    </message>
</context>
<context>
    <name>TickOffDialog</name>
    <message>
        <source>Tick off: %1</source>
        <translation>销账：%1</translation>
    </message>
    <message>
        <source>Add evidence: %1</source>
        <translation>添加佐证材料：%1</translation>
    </message>
    <message>
        <source>Check what shows that “%1” was done: the school year&apos;s activities, growth records and ledger entries, or add files such as photos and scans.</source>
        <translation>勾选能证明“%1”已完成的材料：本学年的活动、成长记录和经费账目；也可以添加照片、扫描件等文件。</translation>
    </message>
    <message>
        <source>Already linked: %1</source>
        <translation>已关联：%1</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Search by date, topic, name or purpose</source>
        <translation>按日期、主题、姓名或摘要搜索</translation>
    </message>
    <message>
        <source>No activities, growth records or ledger entries are dated in %1.</source>
        <translation>%1 学年没有活动、成长记录或经费账目。</translation>
    </message>
    <message>
        <source>Files (copied into the studio&apos;s store)</source>
        <translation>文件（将复制到工作室的资料库）</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Tick off</source>
        <translation>销账</translation>
    </message>
    <message>
        <source>Add evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 records and %2 files chosen.</source>
        <translation>已选 %1 条记录、%2 个文件。</translation>
    </message>
    <message>
        <source>Check a record or add a file first.</source>
        <translation>请先勾选记录或添加文件。</translation>
    </message>
    <message>
        <source>Could not copy a file: %1</source>
        <translation>无法复制文件：%1</translation>
    </message>
</context>
<context>
    <name>TrainingHours</name>
    <message>
        <source>not set (counts 0)</source>
        <translation>未定学时（计0）</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>学年</translation>
    </message>
    <message>
        <source>From studio activities</source>
        <translation>工作室活动学时</translation>
    </message>
    <message>
        <source>Activities attended</source>
        <translation>参加活动（次）</translation>
    </message>
    <message>
        <source>Of them without hours</source>
        <translation>其中未定学时（次）</translation>
    </message>
    <message>
        <source>From own training records</source>
        <translation>个人培训学时</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计学时</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>A studio activity credits its training hours to members marked present, late or left early (not on leave or absent); an activity without hours set credits nothing. The member&apos;s own training records (growth records of the kind training hours) are shown beside them and added once: do not record a studio activity again as a training record.</source>
        <translation>成员出勤、迟到或早退的工作室活动，计入该活动的学时；请假、缺勤不计；未定学时的活动计 0 学时。本人的培训记录（成长记录中的“培训学时”）另列一栏，合计时各计一次：工作室活动已自动计入，请勿再登记为培训记录。</translation>
    </message>
    <message>
        <source>Studio activities credited</source>
        <translation>计入学时的工作室活动</translation>
    </message>
    <message>
        <source>No training hours on record yet.</source>
        <translation>尚无学时记录。</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <source>About you</source>
        <translation>关于您</translation>
    </message>
    <message>
        <source>e.g. 李老师</source>
        <translation>例如：李老师</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Records say who entered them: your name is written as 登记人 in the funding ledger and in the history of every change. It is kept on this computer; you can change it in Settings.</source>
        <translation>记录由谁登记：您的姓名会写在经费台账的“登记人”和每条修改记录中。姓名只保存在这台电脑上，以后可在“设置”中修改。</translation>
    </message>
    <message>
        <source>Your name: please fill it in (records say who entered them).</source>
        <translation>您的姓名：请填写（用于记录由谁登记）。</translation>
    </message>
</context>
<context>
    <name>WarningsView</name>
    <message numerus="yes">
        <source>Composition and eligibility: %n warning(s) (they inform, they do not block)</source>
        <translation>
            <numerusform>人员构成与资格：%n 条提示（仅供参考，不影响操作）</numerusform>
        </translation>
    </message>
    <message>
        <source>Composition and eligibility: no warnings</source>
        <translation>人员构成与资格：无提示</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>依据：%1</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
</TS>
